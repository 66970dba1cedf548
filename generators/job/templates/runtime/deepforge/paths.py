"""Paths that come from users (save names, artifact names) must stay inside their folder."""
import os
import re

_DRIVE = re.compile(r'^[A-Za-z]:')


def safe_relative_path(name, what='path'):
    """``name`` as a relative POSIX path that cannot leave the folder it is joined to.

    Rejects empty names, absolute paths (``/x``, ``C:x``, ``\\\\server``), backslashes,
    ``..`` and ``.`` segments, empty segments and NUL characters -- with a ValueError that
    says why.
    """
    if not isinstance(name, str) or name == '':
        raise ValueError('{} must be a non-empty string, got {!r}'.format(what, name))
    if '\x00' in name:
        raise ValueError('{} {!r} contains a NUL character'.format(what, name))
    if '\\' in name:
        raise ValueError('{} {!r} contains a backslash: use "/" between folders'.format(what, name))
    if name.startswith('/') or _DRIVE.match(name):
        raise ValueError('{} {!r} is an absolute path: it must be relative to its folder'.format(what, name))
    for segment in name.split('/'):
        if segment in ('', '.', '..'):
            raise ValueError('{} {!r} may not contain {!r} segments: it must stay inside its folder'.format(
                what, name, segment or '//'))
    return name


def join_inside(folder, name, what='path'):
    """``folder/name`` after checking ``name`` with :func:`safe_relative_path`."""
    safe_relative_path(name, what)
    path = os.path.join(folder, *name.split('/'))
    root = os.path.realpath(folder)
    real = os.path.realpath(path)
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        raise ValueError('{} {!r} leaves its folder {!r}'.format(what, name, folder))
    return path
