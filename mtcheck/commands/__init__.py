"""Sub-commands that live in their own modules; each has ``register(app)``.

cli.py imports the modules listed here, so adding a command is one new module plus
one name in this list.
"""

COMMAND_MODULES: list[str] = ["score", "fix", "entities"]

#: Every sub-command's name: cli.py registers each (a test keeps the two in step), and
#: __main__ keys the start-up pattern cache by it (recache.prime) without importing the CLI.
NAMES: tuple[str, ...] = ("lint", "rules", "config", *COMMAND_MODULES)
