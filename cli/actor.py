"""Who the audit log names for a command run at a terminal or by a script."""

import getpass


def command_line_actor() -> str:
    try:
        return f"command line ({getpass.getuser()})"
    except (KeyError, OSError):
        return "command line"
