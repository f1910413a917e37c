"""Throwaway PostgreSQL and Spark Connect servers for the engine tests, on this machine only.

PostgreSQL 15: initdb and pg_ctl in a temp folder (as the `postgres` user when the tests run as
root, which initdb refuses), a unix socket in that folder and TCP on 127.0.0.1 with a free port,
about 3 s. Spark Connect: the server class of the pyspark distribution, on 127.0.0.1, about a
minute to its first answer, so the fixture is session-scoped. Under CI=true a missing server binary
fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("DSAGENT_PG_BIN", "/usr/lib/postgresql/15/bin"))
ADMIN_PASSWORD = "admin-secret-4821"
READER_PASSWORD = "reader-secret-7093"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PgServer:
    """A PostgreSQL cluster in a temp folder; `url(user)` connects over TCP with a password."""

    def __init__(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise FileNotFoundError(f"no PostgreSQL at {PG_BIN} (apt-get install postgresql-15)")
        self.root = Path(tempfile.mkdtemp(prefix="dsagent-pg-"))
        os.chmod(self.root, 0o777)
        self.data = self.root / "data"
        self.port = free_port()
        pwfile = self.root / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        os.chmod(pwfile, 0o644)
        subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "admin", "--no-locale",
                                     "-E", "UTF8", "--auth-local=trust", "--auth-host=scram-sha-256",
                                     f"--pwfile={pwfile}"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        options = (f"-k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=30")
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
                                     "-w", "-t", "60", "-o", options, "start"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=90)

    def admin(self):
        """A superuser connection over the unix socket (trust), autocommit."""
        import psycopg

        return psycopg.connect(host=str(self.root), port=self.port, user="admin", dbname="postgres",
                               autocommit=True)

    def url(self, user: str = "reader", db: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                                     "stop"]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


class SparkServer:
    """A local Spark Connect server (local[2], UI off) with a warehouse in a temp folder."""

    def __init__(self) -> None:
        if shutil.which("java") is None:
            raise FileNotFoundError("no java on PATH (apt-get install openjdk-17-jre-headless)")
        home = spark_home()
        self.root = Path(tempfile.mkdtemp(prefix="dsagent-spark-"))
        self.port = free_port()
        env = dict(os.environ, SPARK_HOME=str(home), SPARK_LOCAL_IP="127.0.0.1",
                   SPARK_CONF_DIR=str(self.root), SPARK_LOG_DIR=str(self.root))
        self.log = open(self.root / "server.log", "wb")
        submit = home / "bin" / "spark-submit"
        self.proc = subprocess.Popen(
            ["bash", str(submit), "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
             "--master", "local[2]", "--driver-memory", "1g",
             "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
             "--conf", f"spark.connect.grpc.binding.port={self.port}",
             "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2",
             # Spark stops a cancelled task only between input batches: one batch is the whole
             # test table, so a cancelled cross join would keep both task slots busy for minutes
             # and starve the next test. Small batches let a cancel take effect at once.
             "--conf", "spark.sql.parquet.columnarReaderBatchSize=2",
             "--conf", f"spark.sql.warehouse.dir={self.root / 'warehouse'}",
             "--conf", f"spark.driver.extraJavaOptions=-Dderby.system.home={self.root}"],
            cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Spark Connect server exited; see {self.root / 'server.log'}")
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("Spark Connect server did not open its port within 240 s")

    @property
    def url(self) -> str:
        return f"sc://127.0.0.1:{self.port}"

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)
