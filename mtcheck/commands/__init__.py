"""Sub-commands that live in their own modules; each has ``register(app)``.

cli.py imports the modules listed here, so adding a command is one new module plus
one name in this list.
"""

COMMAND_MODULES: list[str] = ["score", "fix", "entities"]
