"""The one error type every layer raises for bad input the user can correct."""


class UserError(Exception):
    """Bad input: the CLI prints the message on one line and exits with status 2."""
