"""An outlet's name as readers know it: "Reuters", not "ReutersIndia" or "Reuters_Co_Uk".

A name the source states (front matter, a JSON Lines ``outlet``) is used as
written. Otherwise the site's host is looked up in :data:`KNOWN_OUTLETS`;
then the name the page or feed gives itself is used, unless it is a raw
identifier or a domain; then the host itself. A file's name never names its
outlet: ``politics/001.txt`` was not published by "Politics". A text with no
outlet and no link of its own may still carry a news agency's credit: a
dateline ("WASHINGTON (Reuters) - ") or a sign-off ("… he said. REUTER"), see
:func:`wire_credit`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: What an article with no outlet, no link and no name of its own is cited as.
UNKNOWN_OUTLET = "Unknown outlet"

#: News agencies (and networks that date their copy so) as their datelines credit them,
#: and as readers know them: "WASHINGTON (CNN) -- ", "TOKYO (Kyodo) - ".
_AGENCIES = {
    "Reuters": "Reuters",
    "AP": "The Associated Press",
    "AFP": "AFP",
    "UPI": "UPI",
    "Bloomberg": "Bloomberg",
    "dpa": "dpa",
    "Xinhua": "Xinhua",
    "Xinhuanet": "Xinhua",
    "CNN": "CNN",
    "CP": "The Canadian Press",
    "PTI": "Press Trust of India",
    "IANS": "IANS",
    "Kyodo": "Kyodo News",
    "Yonhap": "Yonhap",
    "Interfax": "Interfax",
    "TASS": "TASS",
    "EFE": "EFE",
    "ANSA": "ANSA",
}
#: The agencies by the names their credits give.
AGENCY_NAMES = frozenset(_AGENCIES)
#: An agency's credit in a dateline: "WASHINGTON (Reuters) - ", "PARIS, June 3 (AFP) — ",
#: or the agency alone, as syndicated feeds give it: "AP - ", "Reuters - ".
_DATELINE_CREDIT = re.compile(
    rf"^[A-Z][\w.'’ -]{{1,40}}(?:,[^()\n]{{1,30}})?\s*\(({'|'.join(_AGENCIES)})\)\s*[-–—:]"
    rf"|^({'|'.join(_AGENCIES)})\s+[-–—]{{1,2}}\s"
)
#: Reuters' sign-off closing the text: "… the ministry said. REUTER" (in capitals,
#: after anything: a table's last figure too, and with an ellipsis after it, as 22
#: stories of the 1987 wire end), or "… the ministry said. Reuters".
_SIGN_OFF = re.compile(r"(?:^|\s)REUTERS?(?:\.\.\.|…)?\s*$|(?:^|[.!?\"”’)]\s+)Reuters?\s*$")


def without_sign_off(paragraph: str) -> str:
    """``paragraph`` without Reuters' sign-off at its end ("… the ministry said. REUTER")."""
    return _SIGN_OFF.sub("", paragraph).rstrip()


def wire_credit(first: str, last: str) -> str | None:
    """The news agency a text credits in its first paragraph's dateline or its last
    paragraph's sign-off, as readers know it (None when it credits none)."""
    dateline = _DATELINE_CREDIT.match(first)
    if dateline:
        return _AGENCIES[dateline.group(1) or dateline.group(2)]
    return "Reuters" if _SIGN_OFF.search(last) else None


#: Common news sites by domain (a subdomain such as ``in.reuters.com`` matches too).
KNOWN_OUTLETS: dict[str, str] = {
    "abc.net.au": "ABC News (Australia)",
    "abcnews.go.com": "ABC News",
    "afp.com": "AFP",
    "aljazeera.com": "Al Jazeera",
    "apnews.com": "The Associated Press",
    "axios.com": "Axios",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "bloomberg.com": "Bloomberg",
    "businessweek.com": "Bloomberg Businessweek",
    "cbc.ca": "CBC News",
    "cbsnews.com": "CBS News",
    "cnbc.com": "CNBC",
    "cnn.com": "CNN",
    "corriere.it": "Corriere della Sera",
    "dw.com": "Deutsche Welle",
    "economist.com": "The Economist",
    "elpais.com": "El País",
    "euronews.com": "Euronews",
    "foxnews.com": "Fox News",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "globo.com": "O Globo",
    "guardian.co.uk": "The Guardian",
    "haaretz.com": "Haaretz",
    "heise.de": "heise online",
    "hindustantimes.com": "Hindustan Times",
    "huffingtonpost.com": "HuffPost",
    "huffpost.com": "HuffPost",
    "ilmessaggero.it": "Il Messaggero",
    "independent.co.uk": "The Independent",
    "japantimes.co.jp": "The Japan Times",
    "latimes.com": "Los Angeles Times",
    "lemonde.fr": "Le Monde",
    "nbcnews.com": "NBC News",
    "nbcnewyork.com": "NBC New York",
    "news.sky.com": "Sky News",
    "npr.org": "NPR",
    "nytimes.com": "The New York Times",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "repubblica.it": "la Repubblica",
    "reuters.com": "Reuters",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "scmp.com": "South China Morning Post",
    "smh.com.au": "The Sydney Morning Herald",
    "spiegel.de": "Der Spiegel",
    "straitstimes.com": "The Straits Times",
    "talkingpointsmemo.com": "Talking Points Memo",
    "telegraph.co.uk": "The Telegraph",
    "theatlantic.com": "The Atlantic",
    "theglobeandmail.com": "The Globe and Mail",
    "theguardian.com": "The Guardian",
    "thehindu.com": "The Hindu",
    "timesofindia.indiatimes.com": "The Times of India",
    "timesofisrael.com": "The Times of Israel",
    "uol.com.br": "UOL",
    "usatoday.com": "USA Today",
    "voanews.com": "Voice of America",
    "washingtonpost.com": "The Washington Post",
    "wikinews.org": "Wikinews",
    "wsj.com": "The Wall Street Journal",
}

# A site name that is an identifier or a domain, not a name: "Reuters_Co_Uk",
# "Businessweek.com", "ilmessaggero.it".
_DOMAIN_LIKE = re.compile(r"^[\w-]+(\.[\w-]+)+$")
# "NYT > World News", "Reuters: World News", "BBC News - World": the outlet, then a section.
_SECTION = re.compile(r"\s+(?:>|-|–|—|\|)\s+|:\s+")


def host(url: str | None) -> str:
    """``www.bbc.co.uk`` → ``bbc.co.uk``; "" for no URL."""
    if not url:
        return ""
    try:
        name = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return name.lower().removeprefix("www.")


def outlet_key(outlet: str, article_id: str) -> str:
    """Who published an article, for counting outlets: its outlet, or the article itself
    when the outlet is unknown (two unnamed sources are not taken to be one)."""
    return f"article:{article_id}" if outlet == UNKNOWN_OUTLET else outlet


def known_outlet(url: str | None) -> str | None:
    """The table's name for the site ``url`` is on, or None."""
    labels = host(url).split(".")
    for start in range(len(labels) - 1):
        name = KNOWN_OUTLETS.get(".".join(labels[start:]))
        if name:
            return name
    return None


def outlet_name(
    *,
    stated: str | None = None,
    site: str | None = None,
    urls: tuple[str | None, ...] = (),
    credit: str | None = None,
) -> str:
    """The outlet to cite: ``stated`` as written, else the table's name for the first of
    ``urls`` it knows, else ``site`` (a page's or feed's own name, its section cut off)
    unless it is raw, else the first URL's host, else ``credit``, the news agency the
    text itself credits (see :func:`wire_credit`)."""
    if stated and stated.strip():
        return " ".join(stated.split())
    for url in urls:
        name = known_outlet(url)
        if name:
            return name
    own = _site_name(site)
    if own:
        return own
    for url in urls:
        if host(url):
            return host(url)
    return credit or UNKNOWN_OUTLET


def _site_name(site: str | None) -> str:
    name = " ".join((site or "").split())
    head = _SECTION.split(name, maxsplit=1)[0].strip()
    name = head or name
    if not name or "_" in name or _DOMAIN_LIKE.match(name):
        return ""
    return name
