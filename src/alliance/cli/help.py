"""``--help`` that says what to type (FILE, PORT) rather than Python types (``<bool>``, ``<list[Path]>``)."""

from __future__ import annotations

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


class _Argument(TyperArgument):
    def display_type_rich(self, ctx):
        return None  # the argument's own name (FILE, ID) already says what to type


class _Option(TyperOption):
    def display_type_rich(self, ctx):
        if self.is_flag or self.count:
            return None
        return self.metavar or self.name.upper()


def _plain(param):
    if type(param) is TyperOption:
        param.__class__ = _Option
    elif type(param) is TyperArgument:
        param.__class__ = _Argument
    return param


class _Command(TyperCommand):
    def get_params(self, ctx):
        return [_plain(param) for param in super().get_params(ctx)]


class Group(TyperGroup):
    """The root command: it and every command below it show plain value names in their help."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_tree(self)

    def get_params(self, ctx):
        return [_plain(param) for param in super().get_params(ctx)]


def _plain_tree(group: TyperGroup) -> None:
    for command in group.commands.values():
        if type(command) is TyperCommand:
            command.__class__ = _Command
        elif type(command) is TyperGroup:
            command.__class__ = Group
            _plain_tree(command)
