"""Reading pages in tests."""

import re
from html.parser import HTMLParser


def without_csrf(response) -> str:
    """The page with its CSRF token blanked out: the token is masked afresh on every request,
    so two renderings of the same page differ only there."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _TextInside(HTMLParser):
    def __init__(self, inside: str, skip: frozenset[str]):
        super().__init__()
        self.inside, self.skip = inside, skip
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens `inside`, opens a skip)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append((tag, self.inside in classes, bool(classes & self.skip)))

    def handle_endtag(self, tag):
        while self.stack:
            opened, _inside, _skip = self.stack.pop()
            if opened == tag:
                break

    def handle_data(self, data):
        if any(inside for _tag, inside, _skip in self.stack) and not any(
            skip for _tag, _inside, skip in self.stack
        ):
            self.parts.append(data)


def text_inside(html: str, css_class: str, *, skip: tuple[str, ...] = ()) -> str:
    """The text of the elements with `css_class`, leaving out elements with a class in
    `skip` (and scripts' and styles' own text, which a page never has inside its body here)."""
    parser = _TextInside(css_class, frozenset(skip))
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
