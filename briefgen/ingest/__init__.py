"""The ingest stage: files, folders and URLs in, :class:`Article` objects out.

One reader per input kind, chosen from a registry: the first reader whose
``sniff`` accepts the input reads it. A bad input is skipped with a reason and
the rest of the batch goes on.
"""

from __future__ import annotations

import importlib
import os
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import InputError, SkippedInput
from briefgen.ingest.base import (
    ItemSkipped,
    RawInput,
    Reader,
    SkipHandler,
    Skipped,
    display_name,
    register,
    registered,
    skip_item,
)
from briefgen.ingest.decode import INVISIBLE_CHARS, visible
from briefgen.models import Article

if TYPE_CHECKING:
    from briefgen.ingest.fetch import FetchResult

__all__ = [
    "IngestReport",
    "NotAFile",
    "RawInput",
    "Reader",
    "Skipped",
    "UnreadableFolder",
    "expand_sources",
    "read_items",
    "read_raw",
    "read_sources",
    "register",
]

# Reader modules in the order they are asked; more specific kinds first, plain
# text last because it accepts any text.
_READER_MODULES = ("feed", "html", "jsonl", "text")

#: File names never read from folders (hidden files, editor backups, configs).
_IGNORED_NAMES = {"briefgen.toml", "README.md", "LICENSE"}


@dataclass
class IngestReport:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _load_readers() -> tuple[Reader, ...]:
    # Importing a reader module registers its reader; Python imports each once.
    for module in _READER_MODULES:
        importlib.import_module(f"briefgen.ingest.{module}")
    # Built-in readers in the order above, whatever order they were imported in;
    # readers registered from elsewhere are asked first.
    rank = {f"briefgen.ingest.{m}": n for n, m in enumerate(_READER_MODULES)}
    return tuple(sorted(registered(), key=lambda r: rank.get(type(r).__module__, -1)))


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass(frozen=True)
class UnreadableFolder:
    """A folder inside an input folder that cannot be listed: its files are not read."""

    path: Path
    reason: str

    def why(self) -> str:
        return f"cannot read this folder ({self.reason}); its files were not read"


@dataclass(frozen=True)
class NotAFile:
    """An entry of an input folder with no file to read: a broken link, a named pipe
    (reading one would wait for a writer forever), a device, or a link to a folder
    (not followed, so that a link back up cannot loop)."""

    path: Path
    what: str

    def why(self) -> str:
        return f"{self.what}; not read"


#: What a folder walk reports instead of a file: it is skipped, with its reason.
NotRead = UnreadableFolder | NotAFile
Source = str | Path | NotRead


def expand_sources(sources: Iterable[Source]) -> Iterator[Source]:
    """Files and URLs named by ``sources``; folders are walked recursively, sorted.

    A path that does not exist or is no file (a named pipe, a broken link), or an
    input folder that cannot be listed, raises InputError: a typo in a cron line must
    fail loudly rather than build an empty briefing. Inside an input folder, a folder
    that cannot be listed is yielded as an :class:`UnreadableFolder`, and an entry
    that is no file as a :class:`NotAFile`, to be reported like any skipped input.
    """
    for source in sources:
        if isinstance(source, NotRead) or (isinstance(source, str) and is_url(source)):
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            yield from _folder(path)
        elif path.is_file():
            yield path
        elif path.is_symlink() or path.exists():
            raise InputError(
                f"input {display_name(source)} is {_not_a_file(path)} "
                "(give a file, a folder or a URL)"
            )
        else:
            raise InputError(
                f"input {display_name(source)} does not exist (give a file, a folder or a URL)"
            )


def _not_a_file(path: Path) -> str:
    """What an entry that is no regular file is."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken link" if path.is_symlink() else "not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _folder(folder: Path) -> list[Path | NotRead]:
    """The files under ``folder`` (no hidden ones); the folders that cannot be listed
    and the entries that are no files."""
    found: list[Path | NotRead] = []

    def cannot_list(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        reason = exc.strerror or str(exc)
        if where == folder:
            raise InputError(
                f"cannot read the input folder {display_name(folder)} ({reason}); "
                "check its permissions"
            )
        found.append(UnreadableFolder(where, reason))

    for parent, folders, files in os.walk(folder, onerror=cannot_list):
        base = Path(parent)
        folders[:] = [f for f in folders if not f.startswith(".")]
        # os.walk does not follow links to folders; say so rather than pass them by.
        found.extend(
            NotAFile(base / f, "a link to a folder, not followed")
            for f in folders
            if (base / f).is_symlink()
        )
        for name in files:
            if name.startswith(".") or name in _IGNORED_NAMES:
                continue
            child = base / name
            found.append(child if child.is_file() else NotAFile(child, _not_a_file(child)))
    return sorted(found, key=lambda item: item if isinstance(item, Path) else item.path)


def read_raw(raw: RawInput) -> list[Article]:
    """Read one input with the first reader that accepts it.

    Each article's language is told from its own words (see
    :mod:`briefgen.ingest.language`); what the source declared is kept only
    when the text is too short or too mixed to tell. The characters no one sees
    (:data:`.decode.INVISIBLE_CHARS`) are taken out of every article.
    """
    for reader in _load_readers():
        if reader.sniff(raw):
            read = [_visible(raw.name, a) for a in reader.read(raw)]
            return _with_languages([a for a in read if a is not None])
    raise SkippedInput(f"{raw.name}: no reader for this kind of file")


def _visible(name: str, article: Article) -> Article | None:
    """``article`` without the characters no one sees in its headline, standfirst,
    byline and paragraphs; a paragraph of nothing else goes, and an article of nothing
    else is skipped (None)."""
    texts = [article.title, article.standfirst or "", article.author or "", *article.paragraphs]
    if not any(INVISIBLE_CHARS.search(t) for t in texts):
        return article
    paragraphs = tuple(p for p in map(visible, article.paragraphs) if p.strip())
    title = visible(article.title)
    if not paragraphs:
        skip_item(f"{name}: {title}", "no text but characters no one sees")
        return None
    return replace(
        article,
        title=title,
        standfirst=None if article.standfirst is None else visible(article.standfirst),
        author=None if article.author is None else visible(article.author),
        paragraphs=paragraphs,
    )


def _with_languages(articles: list[Article]) -> list[Article]:
    """Articles with the language of their words; an article too short to tell takes the
    language most of the input's articles are in, else the one its source declared."""
    from collections import Counter

    from briefgen.ingest.language import detect_language

    found = [detect_language(f"{a.title}\n{a.text}") for a in articles]
    usual = Counter(code for code in found if code).most_common(1)
    fallback = usual[0][0] if usual and len(articles) > 1 else ""
    return [
        a
        if (code or fallback or a.language) == a.language
        else replace(a, language=code or fallback or a.language)
        for a, code in zip(articles, found, strict=True)
    ]


def read_items(raw: RawInput) -> tuple[list[Article], list[Skipped]]:
    """The input's articles, and the items inside it that its reader had to leave out."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ItemSkipped)
        articles = read_raw(raw)
    items: list[Skipped] = []
    for warning in caught:
        if isinstance(warning.message, ItemSkipped):
            items.append(Skipped(warning.message.name, warning.message.reason))
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return _without_error_pages(raw.name, articles, items)


#: Why an error page is left out.
ERROR_PAGE = 'an error page ("page not found"), not an article'


def _without_error_pages(
    name: str, articles: list[Article], items: list[Skipped]
) -> tuple[list[Article], list[Skipped]]:
    """A saved or fetched "page not found" notice is no article: an input that is only
    that is skipped, and such an item of a feed or folder of records is left out."""
    from briefgen.nlp.quality import error_page

    notices = [error_page(a) for a in articles]  # each article judged once
    if not any(notices):
        return articles, items
    if all(notices):
        raise SkippedInput(f"{name}: {ERROR_PAGE}")
    kept = [a for a, notice in zip(articles, notices, strict=True) if not notice]
    left_out = [a for a, notice in zip(articles, notices, strict=True) if notice]
    return kept, items + [Skipped(f"{name} ({a.title[:60]})", ERROR_PAGE) for a in left_out]


def load_file(path: Path, max_bytes: int, *, date_required: bool = True) -> RawInput:
    name = display_name(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkippedInput(f"{name}: {size:,} bytes is over the {max_bytes:,}-byte limit")
        with path.open("rb") as fh:
            # A buffer the file's size, not the limit's (20 MB made and given back for
            # every small file costs more than reading it); a file that grew since it
            # was measured is read on, up to the limit.
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise SkippedInput(f"{name}: cannot read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise SkippedInput(f"{name}: grew over the {max_bytes:,}-byte limit while it was read")
    return RawInput(name=name, data=data, path=path, date_required=date_required)


def load_stdin(max_bytes: int, *, date_required: bool = True) -> RawInput:
    """Standard input as one input named ``-``."""
    import sys

    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SkippedInput(f"-: standard input is over the {max_bytes:,}-byte limit")
    return RawInput(name="-", data=data, date_required=date_required)


@dataclass
class SourceRead:
    """One source read: its articles and skips, and for a URL the fetch's answer."""

    name: str
    articles: list[Article]
    skipped: list[Skipped]
    #: What the store knows the source by: the URL, or a local file's resolved ``file:`` URI.
    key: str
    #: Set for URLs; ``fetch.raw`` is None when the server answered 304.
    fetch: FetchResult | None = None
    #: The source as a whole could not be read (its one skip says why).
    failed: bool = False
    #: For a local file: (key, size and modification time) to remember once it is stored.
    file_validator: tuple[str, str] | None = None
    #: A local file whose size and modification time are those remembered: not read again.
    unchanged: bool = False


#: Remembered (ETag, Last-Modified) of a URL, for a conditional request.
Validators = Callable[[str], "tuple[str | None, str | None] | None"]


def read_each(
    sources: Sequence[Source],
    *,
    max_bytes: int,
    timeout: float,
    validators: Validators | None = None,
    reread_files: bool = False,
) -> Iterator[SourceRead]:
    """Read the sources one at a time; a source that cannot be read yields its skip.

    With ``validators``, a local file whose stamp (:func:`file_stamp`) is the one
    remembered is yielded as ``unchanged``, unread (unless ``reread_files``).
    """
    folders: dict[Path, Path] = {}
    for item in expand_sources(sources):
        if isinstance(item, NotRead):
            name = display_name(item.path)
            key = source_key(item.path)
            yield SourceRead(name, [], [Skipped(name, item.why())], key, failed=True)
            continue
        name = display_name(item)
        key = item if isinstance(item, str) else str(item)
        fetched = None
        stamp: tuple[str, str] | None = None
        try:
            if isinstance(item, str):
                from briefgen.ingest.fetch import fetch

                etag, last_modified = (validators(item) if validators else None) or (None, None)
                fetched = fetch(
                    item,
                    max_bytes=max_bytes,
                    timeout=timeout,
                    etag=etag,
                    last_modified=last_modified,
                )
                if fetched.raw is None:
                    yield SourceRead(name, [], [], key, fetched)
                    continue
                raw = fetched.raw
            else:
                stamp = file_stamp(item, folders)
                key = stamp[0] if stamp else source_key(item)
                remembered = validators(stamp[0]) if stamp and validators else None
                if stamp and remembered == (stamp[1], None) and not reread_files:
                    yield SourceRead(name, [], [], key, unchanged=True)
                    continue
                raw = load_file(item, max_bytes)
            articles, skipped = read_items(raw)
        except SkippedInput as exc:
            skip = Skipped(name, skip_reason(exc, name))
            yield SourceRead(name, [], [skip], key, fetched, failed=True)
            continue
        yield SourceRead(
            name, articles, skipped, key, fetched, file_validator=None if fetched else stamp
        )


def source_key(path: Path) -> str:
    """A local file's key in the store (as :func:`file_stamp` gives it), even when it cannot
    be read: its resolved ``file:`` URI, else the path as given."""
    try:
        return path.resolve().as_uri()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a link loop (Python 3.11)
        return str(path)


def file_stamp(path: Path, folders: dict[Path, Path] | None = None) -> tuple[str, str] | None:
    """A local file's key in the store's validators and its size and modification time.

    A file whose stamp is the one remembered when it was last stored has nothing
    new to give, so a cron ingest of a growing folder reads only the new files. A
    file rewritten within the file system's time resolution with the same size
    would be missed: ``ingest --reread`` reads every file again.

    The key is the file's resolved path. ``folders`` remembers resolved folders
    across the calls of one read, so that a file that is no link costs one system
    call, not one per part of its path.
    """
    try:
        info = path.lstat()
        if folders is None or stat.S_ISLNK(info.st_mode):
            info = path.stat()
            return path.resolve().as_uri(), f"{info.st_size}:{info.st_mtime_ns}"
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        return (folder / path.name).as_uri(), f"{info.st_size}:{info.st_mtime_ns}"
    except (OSError, ValueError):
        return None  # load_file reports what is wrong


def read_sources(
    sources: Sequence[str | Path],
    *,
    max_bytes: int = 20_000_000,
    timeout: float = 20.0,
    on_skip: SkipHandler | None = None,
) -> IngestReport:
    """Read every source into articles; unreadable ones are skipped with a reason.

    URLs are fetched without any cache here; the store's ``ingest`` remembers
    validators for conditional requests.
    """
    report = IngestReport()
    for read in read_each(sources, max_bytes=max_bytes, timeout=timeout):
        report.articles.extend(read.articles)
        for skip in read.skipped:
            report.skipped.append(skip)
            if on_skip:
                on_skip(skip)
    return report


def skip_reason(exc: Exception, name: str) -> str:
    """The reason in a SkippedInput message, without the input's name in front."""
    message = str(exc)
    return message[len(name) + 2 :] if message.startswith(name + ": ") else message
