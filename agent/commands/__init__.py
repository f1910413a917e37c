"""One module per subcommand, each with `run(args) -> int`.

`COMMANDS` names each subcommand's module. The CLI imports only the one that runs, so that
`dsagent --help` and an offline `ask` do not pay for the others' libraries.
"""

COMMANDS = {
    "chat": "dsagent.commands.chat",
    "ask": "dsagent.commands.ask",
    "sql": "dsagent.commands.sql",
    "schema": "dsagent.commands.schema",
    "profile": "dsagent.commands.profile",
    "eval": "dsagent.commands.eval",
    "memory": "dsagent.commands.memory",
    "log": "dsagent.commands.log",
    "guide": "dsagent.commands.guide",
    "mcp": "dsagent.commands.mcp",
    "cache": "dsagent.commands.cache",
    "report": "dsagent.commands.report",
}
