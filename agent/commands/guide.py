"""`dsagent guide [QUESTION] [--lang en|es] [--data PATH ...] [--json]`: which generative model family to use."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def run(args: Any) -> int:
    from dsagent.tools.guide.tool import recommend
    from dsagent.words.language import detect_language

    question = args.question or ""
    language = args.lang or (detect_language(question) if question else "en")
    ws = None
    data = getattr(args, "data", None) or []
    try:
        if data:
            from dsagent.commands._common import open_workspace

            ws = open_workspace(argparse.Namespace(data=list(data)))
        result = recommend(question, language=language, ws=ws)
    finally:
        if ws is not None:
            ws.close()
    if getattr(args, "json", False):
        print(json.dumps({"kind": result.kind, **result.model_dump(mode="json", exclude={"findings"})},
                         ensure_ascii=False))
        return 0
    from dsagent.render.console import make_console

    from dsagent.render.answer import render_result

    render_result(result, make_console(file=sys.stdout))
    return 0
