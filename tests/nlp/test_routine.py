"""Routine reports (a market's session, a securities notice, a table, a digest) told from news."""

from __future__ import annotations

import pytest

from briefgen.nlp.routine import routine_report


@pytest.mark.parametrize(
    ("title", "first", "kind"),
    [
        (
            "Velmar Corn Futures Close Higher",
            "Corn futures closed two to three cents higher in light trading, dealers said.",
            "market report",
        ),
        # A central bank's day in the money market.
        (
            "Velmar Money Market Given 310 Mln Crowns Help",
            "The Bank of Velmar said it gave the money market 310 mln crowns of "
            "assistance in the morning session.",
            "market report",
        ),
        (
            "Velmar Money Market Shortage Forecast",
            "The Bank of Velmar expects a shortage of some 420 mln crowns in the system "
            "today, it said.",
            "market report",
        ),
        (
            "Bank Of Nordvik Offers Financing Bills",
            "The Bank of Nordvik will offer 90 billion crowns of financing bills on Monday "
            "to drain an expected money market surplus, dealers said.",
            "market report",
        ),
        (
            "Dollar Opens Lower In Nordvik",
            "The dollar opened lower in quiet trading as dealers waited for the budget.",
            "market report",
        ),
        (
            "Sensex ends flat as weaker Asian markets offset budget hopes",
            "The index and the Nifty ended flat on Tuesday as regional shares slipped.",
            "market report",
        ),
        (
            "FTSE 100 closes higher as miners rally",
            "London's leading shares rose on Friday, led by mining stocks.",
            "market report",
        ),
        (
            "Nordvik Stocks Steady At Midsession",
            "Nordvik stocks held steady at midsession after an early dip.",
            "market report",
        ),
        (
            "Gold Fixed At 1,905 Dlrs In Nordvik",
            "Gold was fixed this morning at 1,905 dlrs an ounce, dealers said.",
            "market report",
        ),
        # A move told as "increased", "dropped", "declined" (not only "rose", "fell").
        (
            "Velmar Cash Grain - Modest Movement, Bids Firm",
            "Farm deliveries of wheat and corn increased slightly this morning, and bids "
            "held steady, Velmar grain dealers said.",
            "market report",
        ),
        (
            "Nordvik Wheat Market Eases On Stock Release",
            "Nordvik wheat markets dropped about one crown a tonne early this morning.",
            "market report",
        ),
        # No headline (a page whose first line is a sentence): the first sentence tells.
        (
            "Although the Velmar exchange reopened after the holiday the volumes stayed thin",
            "Velmar cocoa futures slipped to session lows by midmorning as the big houses "
            "sold, brokers said.",
            "market report",
        ),
        (
            "Okafor Industries Issues 100 Mln Dlr Eurobond",
            "Okafor Industries is issuing eurobonds worth 80 mln dlrs, maturing in 2031.",
            "securities notice",
        ),
        (
            "Velmar Bank Debt Downgraded By Moody's",
            "Moody's cut its rating of Velmar Bank's debt to Ba1 from Baa3 on Tuesday.",
            "securities notice",
        ),
        (
            "Berg Holdings Files For Debenture Offering",
            "Berg Holdings has filed a registration statement covering debentures worth "
            "50 mln dlrs.",
            "securities notice",
        ),
        # A share issue.
        (
            "Okafor Offers Preferred Stock",
            "Okafor Industries said it is offering 1.4 mln shares of 5-1/2 pct convertible "
            "preferred stock at 25 dlrs a share.",
            "securities notice",
        ),
        (
            "Kessel Sets 80 Mln Dlr Share Issue",
            "Kessel Holdings said it filed a preliminary prospectus in Nordvik for an 80 mln "
            "dlr issue of preference shares.",
            "securities notice",
        ),
        # A holding disclosed by filing: a stake raised or cut to so many shares.
        (
            "Nordvik Firm Ups Velmar Fund Stake",
            "Okafor Capital, a Nordvik investment firm, told Velmar's securities regulator it "
            "raised its stake in the Velmar Fund to 310,200 shares, or 7.4 pct of the total, "
            "from 250,000, or 6.0 pct.",
            "securities notice",
        ),
        (
            "Kessel Group Cuts Arvand Mining Stake",
            "A group led by Kessel investors said it lowered its stake in Arvand Mining Inc "
            "to the equivalent of 80,000 shares, or 2.9 pct of all shares outstanding.",
            "securities notice",
        ),
        (
            "Berg Holdings Has Ostrava Rail Stake",
            "Berg Holdings said in its annual filing that it has 3.1 mln shares or close to "
            "six pct of Ostrava Rail Corp, a spokesman said.",
            "securities notice",
        ),
        ("Berg Holdings Inc 4th Qtr Net", "Shr 40 cts vs 31 cts", "table"),
        (
            "Nordvik Deliverable Wheat Stocks",
            "Okafor's port authority listed the following grain holdings, in tonnes:",
            "table",
        ),
        # A week's figures whose first sentence dates the week.
        (
            "Velmar Bank Borrowings 280 Mln Dlrs",
            "Velmar bank borrowings from the central bank averaged 280 mln dlrs in the week "
            "to Wednesday June 10, the central bank said.",
            "weekly figures",
        ),
        (
            "Grain Shipments To Nordvik",
            "There were 96,400 tonnes of Velmar corn shipped to Nordvik in the week ended "
            "March 26, the agriculture ministry said.",
            "weekly figures",
        ),
        (
            "Cereals Levies To Be Unchanged Next Week",
            "Import levies on Velmar cereals will stay the same for the week starting June 8, "
            "officials said.",
            "weekly figures",
        ),
        # A company's figures for a month or part of one.
        (
            "Velmar Air February Load Factor Up",
            "Velmar Air said its February load factor rose to 61.4 pct from 58.0 pct a year "
            "earlier.",
            "periodic figures",
        ),
        (
            "Nordvik Motors Mid-May Car Sales Off",
            "Nordvik Motors said its car sales for the May 11 to 20 period fell 12 pct to "
            "4,210 cars from 4,780 a year earlier.",
            "periodic figures",
        ),
        (
            "Okafor Stores May Sales Up 4.1 Pct",
            "Okafor Stores said sales for the four weeks ended May 2 rose 4.1 pct to 212 mln "
            "dlrs from 204 mln dlrs a year earlier.",
            "periodic figures",
        ),
        (
            "Nordvik Motors Late May Car Sales Rise",
            "Nordvik Motors said its sales of Velmar-built cars in late May rose 6.0 pct.",
            "periodic figures",
        ),
        ("Money News Highlights 0530 GMT", "Nordvik's central bank held its rate.", "digest"),
        (
            "Velmar Fuel Stocks Up In Latest Week",
            "Velmar's fuel stocks rose by 0.6 mln barrels in the week to Friday, its agency said.",
            "weekly figures",
        ),
    ],
)
def test_routine_reports_are_named(title: str, first: str, kind: str) -> None:
    assert routine_report(title, first) == kind


@pytest.mark.parametrize(
    ("title", "first"),
    [
        # A central bank changing course, or a system in need of help, is news.
        (
            "Bank Of Velmar Suspends Assistance",
            "The Bank of Velmar has stopped its daily money market assistance, so that "
            "borrowers must pay more for funds; it suspended the help on Monday.",
        ),
        (
            "Velmar Farm Lenders Seek State Aid",
            "Velmar's farm lending system wants 2 billion crowns in state assistance to "
            "meet its losses, one of its directors said.",
        ),
        # Policy, and a market moved by it, are news.
        (
            "Nordvik Warns Velmar Over Trade Row",
            "Nordvik's trade minister warned Velmar on Tuesday that duties on its steel "
            "would follow unless its markets opened to imports.",
        ),
        (
            "Oil Prices Rise After Pipeline Attack",
            "Oil prices rose on Monday after an attack on a pipeline in the north of Arvand.",
        ),
        # A move out of the ordinary is the day's news.
        (
            "Dollar Hits Record Low In Nordvik",
            "The dollar sank to a record low against the krona despite central bank buying.",
        ),
        (
            "Nordvik Shares Plunge After Rate Rise",
            "Nordvik's share index lost 9% by midday after the central bank raised rates.",
        ),
        # A company's own shares moving on its news.
        (
            "Velmar Pharma Hit By Drug Failure",
            "Shares in Velmar Pharma closed down 8% in early trading after its drug failed "
            "a major trial.",
        ),
        # A warning of results, and a filing that is a lawsuit, are news.
        ("Velmar Bank Sees 2nd Qtr Loss", "Velmar Bank said it expects a loss of 35 mln dlrs."),
        # A company named like an index is not one.
        ("Dow Chemical Ends Talks With Velmar", "Dow Chemical said it ended merger talks."),
        (
            "Okafor Files To Block Ruling On 10 Billion Dlr Bond",
            "Okafor Industries asked an appeals court to lift the bond set by a jury.",
        ),
        # A carmaker's record month is news; so is an airline's news told in a period.
        (
            "Nordvik Motors Sets Sales Record",
            "Nordvik Motors said its car sales for the May 11 to 20 period reached a record "
            "9,100 cars.",
        ),
        (
            "Velmar Air Pilots Strike",
            "Velmar Air cancelled all flights for the third day as pilots struck over pay, "
            "the airline said.",
        ),
        # A visit's dates, or a product's launch month, are not a period's figures.
        (
            "Okafor To Visit Velmar",
            "Okafor will visit Velmar for April 6-8 talks on the chip pact, the ministry said.",
        ),
        (
            "Kessel Console Sells Out",
            "The Kessel console went on sale in mid-November and its maker says sales have "
            "exceeded expectations.",
        ),
        # A cargo's shipping dates are not a period's figures.
        (
            "Velmar Cancels Wheat Tender",
            "Velmar has cancelled its tender for 200,000 tonnes of wheat for April 15-30 "
            "shipment, traders said.",
        ),
        # A year of 53 weeks is a year's results, not a month's figures.
        (
            "Kessel Foods Pretax Profit Up",
            "Kessel Foods said it made a pretax profit of 70 mln stg in the 53 weeks to "
            "January 2, against 66 mln.",
        ),
        # "Last week" in a headline is when the news happened.
        (
            "Velmar spy chief met Nordvik officials last week: sources",
            "The head of Velmar's foreign intelligence service met Nordvik officials outside "
            "the capital last week, two sources said.",
        ),
        # A bid for a company's shares is news.
        (
            "Berg Bids For Arvand",
            "Berg Holdings said it is offering 28 dlrs for all shares of Arvand Industries "
            "it does not already own.",
        ),
        # A holder after the company, and a stake bought as a deal, are news.
        (
            "Okafor Ups Velmar Stores Stake To 9.8 Pct",
            "Okafor Capital, which has said it may seek control of Velmar Stores, said it "
            "raised its holding in the chain to 900,000 shares, or 9.8 pct of all shares.",
        ),
        (
            "Nordvik Life Buys Stake In Kessel Brokerage",
            "Nordvik Life's 410 mln dlr purchase of a 12 pct stake in Kessel Brothers is a "
            "shrewd move that other insurers are likely to follow, analysts said.",
        ),
        (
            "Berg Completes Arvand Tender",
            "Berg Holdings said it had accepted about 1.8 mln shares or 97 pct of Arvand "
            "Industries under its tender offer.",
        ),
        # A week named as a time of news, not as the period of a routine figure; a record
        # week is news.
        (
            "Velmar Leaders To Meet Next Week",
            "Velmar's leaders will meet in the week to come to settle the budget.",
        ),
        (
            "Velmar Border Talks To Resume",
            "Velmar and Nordvik will resume border talks in the week beginning March 23.",
        ),
        (
            "Velmar Corn Sales Hit Record",
            "Velmar corn sales reached a record 2.8 mln tonnes in the week ended March 19.",
        ),
        ("Okafor Refinery To Restart This Week", "The refinery shut by a fire will reopen."),
        (
            "Central Bank Intervenes In Open Market",
            "The central bank bought a small amount of dollars in the open market.",
        ),
    ],
)
def test_news_is_not_routine(title: str, first: str) -> None:
    assert routine_report(title, first) is None
