"""Is an article routine copy: a market's session, a notice, a table, a digest, a period's figures?

A wire day is half routine copy: the dollar "opened lower in Nordvik", cocoa
futures "held steady at midsession", a central bank "provided the money market with
478 mln crowns of assistance", a bank "is issuing eurobonds", an agency
"affirmed" a company's ratings, an investor "raised its stake" in a company "to
620,400 shares, or 8.6 pct", a company's results come as a table, a digest
lists the day's other stories, fuel stocks "rose in the week", an airline's "February
load factor fell", a carmaker's sales "for the May 1 to 10 period". Each is business
news and may sit in Trade, but none is what a desk reads a briefing for, and
the many reports of one market share their words, so they look like a story
every outlet carries. :func:`routine_report` names the kind, read from the
headline and the first sentence; the briefing ranks such stories below the
day's news (``briefgen.compose``), so they fill a section only when nothing
else does.

The checks are narrow on purpose: a market report must name a market and a
session's move ("Dollar Closes Lower In Nordvik", "Velmar cocoa futures slipped
to session lows by midmorning"); a record, a plunge or a surge is news whatever
its form; a company's own shares moving on its news ("Shares in Velmar closed
down 8% after its drug failed") are news, not a report.
"""

from __future__ import annotations

import re
from typing import Literal

from briefgen.models import MONTH_NAME

RoutineKind = Literal[
    "market report", "securities notice", "table", "digest", "weekly figures", "periodic figures"
]

#: What a market report is about: a market, an instrument traded on one, or a commodity.
_MARKET = (
    r"(?:futures|stocks|equities|share\s+prices|bonds?|gilts|treasur(?:y|ies)|eurobonds?"
    r"|eurodollars?|deposits?|debt\s+futures|dollar|dlr|yen|sterling|euro|marks?|francs?"
    r"|currenc(?:y|ies)|gold|bullion|silver|platinum|copper|alumin(?:i)?um|nickel|zinc|tin"
    r"|crude|gasoil|cocoa|coffee|sugar|cotton|rubber|grains?|wheat|corn|barley|soybeans?"
    r"|soyproducts?|soymeal|soyoil|cattle|hogs|pork\s+bellies|lumber|index|bourse"
    r"|wall\s+street|markets?|lme|comex|cbt|liffe"
    # Share indices by name (not a bare "Dow", which is also a chemical company).
    r"|ftse|ft-se|dax|cac|nikkei|topix|hang\s+seng|kospi|sensex|nifty|stoxx|asx|tsx"
    r"|bovespa|nasdaq|s\s*&\s*p(?:\s+500)?|dow\s+jones|dow\s+(?:industrials|average))"
)
#: A session, or the move of a market over one, as a headline says it.
_SESSION_HEADLINE = (
    r"(?:opens?(?!\s+market)|opened|opening|closes?|closed|ends?|ended|finish(?:es|ed)?"
    r"|settles?|settled|midsession|midday|midmorning|early|late|firmer|easier|steady|steadier|mixed"
    r"|higher|lower|quiet(?:ly)?|unchanged|little\s+changed|fixed|expected\s+(?:steady|to\s+open))"
)
_MARKET_HEADLINE = re.compile(rf"\b{_MARKET}\b.*\b{_SESSION_HEADLINE}\b", re.I)
#: A market's move in a first sentence: the market, soon after the sentence starts,
#: then a move, in a sentence that names the session.
_MOVE = (
    r"(?:opened|closed|ended|finished|settled|traded|rose|fell|gained|lost|eased|firmed"
    r"|increased|decreased|declined|advanced|climbed|dropped|weakened|strengthened|softened"
    r"|steadied|rallied|slipped|tumbled|dipped|edged|drifted|hovered|retreated|recovered"
    r"|held|pared|extended|(?:was|were)\s+(?:up|down|fixed|quoted|steady|firmer|easier"
    r"|mixed|higher|lower|unchanged|little\s+changed|called|expected))"
)
_SESSION = (
    r"(?:early|late|midsession|midday|midmorning|morning|afternoon|session|opening|close"
    r"|dealings|trading)"
)
_MARKET_LEAD = re.compile(
    rf"^(?:\W*\w+\W+){{0,7}}?{_MARKET}\W+(?:\w+\W+){{0,6}}?{_MOVE}\b.*\b{_SESSION}\b", re.I
)
#: A company's own shares ("Shares in Velmar …", "Velmar's shares …") are its news.
_OWN_SHARES = re.compile(r"\bshares?\s+(?:in|of)\b|['’]s?\s+shares\b", re.I)
#: Securities notices: an issue of bonds or notes, its terms, a filing, a rating.
_NOTICE_HEADLINE = re.compile(
    r"\b(?:issues?|launch(?:es)?|sells?|offers?|prices?|files?|plans?)\b(?!\s+to\b).*"
    r"\b(?:bonds?|eurobonds?|notes|debentures?|convertible|warrants?|offering|shelf)\b"
    r"|^terms\s+(?:set|fixed)\s+on\b"
    r"|\b(?:moody['’]?s|s\s*/\s*p|standard\s+(?:and|&)\s+poor['’]?s|fitch)\b.*"
    r"\b(?:affirm|upgrade|downgrade|rate|cut|lower|raise|review)(?:s|d|ed)?\b",
    re.I,
)
_NOTICE_LEAD = re.compile(
    r"\bis\s+(?:issuing|raising)\b.*\b(?:bonds?|eurobonds?|notes|debentures?|offering)\b"
    r"|\bfiled\s+(?:with\s+the\s+securities\s+and\s+exchange\s+commission|a\s+registration"
    r"\s+statement)\b"
    r"|\b(?:affirmed|upgraded|downgraded|lowered|raised|cut)\s+(?:\w+\s+){0,6}?ratings?\b"
    r"|^(?:moody['’]?s|standard\s+(?:and|&)\s+poor['’]?s|fitch)\b[^.]*?\bsaid\s+it\s+"
    r"(?:has\s+)?(?:may\s+)?(?:affirm|upgrad|downgrad|lower|rais|cut|plac)\w*"
    r"|\bcoupon\b.*\bset\s+at\b",
    re.I,
)
#: A share issue: "is offering 1.4 mln shares of its common stock", a prospectus filed.
_SHARE_ISSUE_LEAD = re.compile(
    r"\b(?:is|are)\s+(?:offering|selling|issuing|placing)\s+(?:about\s+|up\s+to\s+)?[\d,.]+\s+"
    r"(?:mln\s+|million\s+)?(?:(?!for\b)[\w-]+\s+){0,3}?(?:shares|units|(?:preferred|preference|common)"
    r"\s+stock)\b"
    r"|\bfiled\s+(?:a|its)\s+(?:preliminary\s+|final\s+)?prospectus\b",
    re.I,
)

#: A holding disclosed as a securities filing discloses it: an investor raised or cut its
#: stake "to 620,400 shares", or has "acquired 64,000 shares … or 4.8 pct" by a filing.
_HOLDING_LEAD = re.compile(
    r"\b(?:raised|increased|boosted|lifted|upped|cut|lowered|reduced|trimmed)\s+"
    r"(?:its|it|his|her|their)\s+(?:\w+\s+){0,2}?stake\b[^.]*?\bto\s+"
    r"(?:the\s+equivalent\s+of\s+)?[\d,.]+\s+(?:mln\s+)?(?:\w+\s+)?shares\b"
    r"|\b(?:securities\s+and\s+exchange\s+commission|filing)\b[^.]*?\b(?:has|holds|owns"
    r"|acquired|bought)\s+(?:about\s+)?[\d,.]+\s+(?:mln\s+)?(?:\w+\s+)?shares\b[^.]*?\bpct\b",
    re.I,
)
#: … unless the holder is after the company: then the holding is news.
_HOLDING_AIM = re.compile(
    r"\b(?:control|tender|takeover|take\s+over|merger|merge|bid|offer|buyout|buy-out|proxy"
    r"|board\s+seats?|oust)",
    re.I,
)

#: A company's results as a wire's table ("Velmar Corp 1st Qtr Net", "Nordvik Year Loss");
#: not a warning of results to come ("Velmar Sees 2nd Qtr Loss").
_RESULTS_HEADLINE = re.compile(
    r"^(?!.*\b(?:sees?|expects?|forecasts?|predicts?|warns?|projects?)\b)"
    r".*\b(?:(?:1st|2nd|3rd|4th|first|second|third|fourth)\s+)?(?:qtr|quarter|year|half"
    r"|(?:six|nine)\s+mths)\s+(?:oper(?:ating)?\s+)?(?:net|loss|shr|profit)\s*$",
    re.I,
)
#: A first sentence that announces a table or a list ("… listed the following grain
#: holdings, in tonnes:", "… were as follows").
_TABLE_LEAD = re.compile(r"\b(?:the\s+following|as\s+follows)\b", re.I)
#: A digest of the day's other stories: "Money News Highlights", "Business news in brief".
_DIGEST_HEADLINE = re.compile(
    r"\bhighlights\b|\bnews\s+summary\b|\bround-?up\b|\bdigest\b|\bin\s+brief\b"
    r"|\bat\s+a\s+glance\b",
    re.I,
)
#: A week's figures as a wire files them every week: "Fuel Stocks Up In Week", "Jobless
#: Claims Fall In Latest Week", "Weekly Electric Output Up 2 Pct"; not "Talks Next Week", nor
#: "… Met Officials Last Week" (a time of news; a week's figures say so in the first sentence).
_WEEKLY_HEADLINE = re.compile(r"\b(?:in|latest)\s+week\b|\bweekly\b", re.I)
#: … or as its first sentence dates them: "in the week ended March 26", "in the week to
#: Wednesday", "for the week starting March 23" (a dated week, the period of a figure or
#: a notice; not "in the week to come", nor talks "in the week beginning March 23").
_WEEKLY_LEAD = re.compile(
    r"\b(?:(?:in|for)\s+the\s+(?:latest\s+)?week\s+(?:ended|ending|to|through)"
    r"|for\s+the\s+week\s+(?:starting|beginning))\s+"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today"
    rf"|{MONTH_NAME}\s+\d{{1,2}}\b|\d{{1,2}}\s+{MONTH_NAME})",
    re.I,
)
#: A company's or an agency's figures for a month or part of one, as filed every month: an
#: airline's load factor, a carmaker's sales "for the May 1 to 10 period", "for February
#: 21 through 28", "late March car sales", a retailer's sales "for the four weeks ended
#: May 2" (not a year's "53 weeks", nor a visit "for April 6-8").
_PART_OF_MONTH = rf"(?:early|mid|late)[- ]{MONTH_NAME}(?!\w)"
_DAYS_OF_MONTH = (
    rf"{MONTH_NAME}\s+\d{{1,2}}(?:\s*-\s*|\s+(?:to|through)\s+)(?:{MONTH_NAME}\s+)?\d{{1,2}}\b"
    # Not a span of years, nor a cargo's shipping dates.
    r"(?!,?\s+(?:19|20)\d\d|\s+(?:shipment|delivery|loading|arrival))"
)
_PERIODIC_LEAD = re.compile(
    r"\bload\s+factors?\b"
    rf"|\b(?:in|for|during)\s+the\s+(?:{_PART_OF_MONTH}|{_DAYS_OF_MONTH})\s+period\b"
    rf"|\bsales\b[^,;]{{0,30}}?\b(?:in|for|during)\s+(?:the\s+)?(?:{_PART_OF_MONTH}|{_DAYS_OF_MONTH})"
    rf"|\b{_PART_OF_MONTH}\s+(?:[\w.-]+\s+){{0,2}}sales\b"
    r"|\b(?:sales|revenues?|demand|output|production|produced|deposits)\b[^;]*?\b(?:in|for|during)"
    r"\s+the"
    r"\s+(?:two|three|four|five|six|seven|eight|nine|ten|[2-9])[- ](?:days?|weeks?)\s+"
    r"(?:ended|ending|from|to|through)\b",
    re.I,
)
#: Words without which the share issue's and the periodic figures' patterns cannot match.
_SHARE_ISSUE_WORDS = ("offering", "selling", "issuing", "placing", "prospectus")
_PERIODIC_WORDS = ("load factor", "period", "sales", "day", "week")
#: A central bank's day in the money market: the shortage or surplus it forecasts, the
#: help it gives the discount houses, the bills it sells to mop up ("The Bank of Velmar
#: said it gave the money market 478 mln crowns of assistance this morning.",
#: "… forecast a shortage of 300 mln crowns in the money market today", "… did not
#: operate …"). Read where the lead names the money market; a bank that suspends or
#: halts its help changes course, which is news.
_MONEY_MARKET_WORDS = ("money market", "discount houses", "bill offers", "in the system")
_MONEY_MARKET_LEAD = re.compile(
    r"\b(?:shortage|surplus|shortfall|assistance|help|bill\s+offers|borrowing\s+facilities"
    r"|did\s+not\s+operate|financing\s+bills|repurchase\s+agreement)\b",
    re.I,
)
_CHANGE_OF_COURSE = re.compile(r"\b(?:suspend|halt)\w*", re.I)
#: A move out of the ordinary is the day's news, whatever the form of its report.
_EXCEPTIONAL = re.compile(
    r"\b(?:record|all-time|post-?war|plung\w*|plummet\w*|crash\w*|collaps\w*|soar\w*"
    r"|surg\w*)",
    re.I,
)
#: Words a headline has at most: a longer "title" is a sentence (a page's first line),
#: read as a first sentence is.
_HEADLINE_WORDS = 12


def routine_report(title: str, first_sentence: str) -> RoutineKind | None:
    """The kind of routine report an article with this headline and first sentence is,
    or None when it is news."""
    headline = title if len(title.split()) <= _HEADLINE_WORDS else ""
    lowered = first_sentence.lower()
    if _NOTICE_HEADLINE.search(headline) or _NOTICE_LEAD.search(first_sentence):
        return "securities notice"
    # The rarer kinds are looked for only where their words are (every article is read).
    if any(w in lowered for w in _SHARE_ISSUE_WORDS) and _SHARE_ISSUE_LEAD.search(first_sentence):
        return "securities notice"
    if (
        "shares" in lowered
        and _HOLDING_LEAD.search(first_sentence)
        and not _HOLDING_AIM.search(f"{headline} {first_sentence}")
    ):
        return "securities notice"
    if _RESULTS_HEADLINE.search(headline) or _TABLE_LEAD.search(first_sentence):
        return "table"
    if _DIGEST_HEADLINE.search(headline):
        return "digest"
    if _WEEKLY_HEADLINE.search(headline):
        return "weekly figures"
    if _OWN_SHARES.search(headline) or _OWN_SHARES.search(first_sentence[:80]):
        return None
    if _EXCEPTIONAL.search(headline or first_sentence):
        return None
    if _MARKET_HEADLINE.search(headline) or _MARKET_LEAD.search(first_sentence):
        return "market report"
    if (
        any(w in lowered for w in _MONEY_MARKET_WORDS)
        and _MONEY_MARKET_LEAD.search(first_sentence)
        and not _CHANGE_OF_COURSE.search(first_sentence)
    ):
        return "market report"
    if "week" in lowered and _WEEKLY_LEAD.search(first_sentence):
        return "weekly figures"
    if any(w in lowered for w in _PERIODIC_WORDS) and _PERIODIC_LEAD.search(first_sentence):
        return "periodic figures"
    return None
