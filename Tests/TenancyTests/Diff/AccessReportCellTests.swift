import Testing

@testable import TenancyReview

struct AccessReportCellTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("a, b", "\"a, b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("=A1,\"x\"", "\"'=A1,\"\"x\"\"\""),
        ("tab\tand\nbreak", "tab\\u{9}and\\u{A}break"),
        ("\tstarts with a tab", "\\u{9}starts with a tab"),
    ])
    func csvCells(text: String, cell: String) {
        #expect(CSV.cell(text) == cell)
    }

    @Test func markdownCellsEscapeWhatMarkdownReads() {
        #expect(Markdown.cell("a|b *c* _d_ `e` [f](g) <h> \\") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\\\")
        // No link, mail link or mention on GitHub.
        #expect(Markdown.cell("https://x.io www.y @ops a@b.c") == "https\\://x\\.io www\\.y \\@ops a\\@b\\.c")
    }
}
