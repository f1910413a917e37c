"""Time `dsagent mcp` with the SDK's client: start to first tool list, and run_sql / ask calls over stdio.

    python bench/bench_mcp.py [DATA ...]    (default: examples/data/loans.csv)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import anyio
from mcp import Client, StdioServerParameters

REPO = Path(__file__).resolve().parents[1]
CALLS = 20


async def main(data: list[str]) -> None:
    home = tempfile.mkdtemp(prefix="dsagent-bench-mcp-")
    env = {"DSAGENT_HOME": home, "DSAGENT_CONFIG": os.path.join(home, "none.toml"), "DSAGENT_PROVIDER": "offline"}
    params = StdioServerParameters(command=sys.executable, args=["-m", "dsagent.cli", "mcp", *data,
                                                                 "--output-dir", os.path.join(home, "out")],
                                   env=env, cwd=home)
    started = time.perf_counter()
    async with Client(params) as client:
        tools = (await client.list_tools()).tools
        ready = time.perf_counter() - started
        table = (await client.call_tool("describe_schema", {})).structured_content["result"]["tables"][0]["table"]
        timings: dict[str, list[float]] = {"run_sql": [], "ask": []}
        for _ in range(CALLS):
            t = time.perf_counter()
            await client.call_tool("run_sql", {"sql": f'SELECT count(*) FROM "{table}"'})
            timings["run_sql"].append(time.perf_counter() - t)
            t = time.perf_counter()
            await client.call_tool("ask", {"question": f"how many rows does {table} have"})
            timings["ask"].append(time.perf_counter() - t)
    print(f"{len(tools)} tools; start to first tools/list: {ready:.2f} s")
    for name, values in timings.items():
        print(f"{name}: median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms "
              f"over {len(values)} calls")


if __name__ == "__main__":
    anyio.run(main, sys.argv[1:] or [str(REPO / "examples" / "data" / "loans.csv")])
