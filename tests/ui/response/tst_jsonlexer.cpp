#include "ui/common/codeview.h"
#include "ui/common/jsonlexer.h"

#include <QtTest>

using Patchbay::Ui::CodeView;
using Patchbay::Ui::JsonLexer;
using Sci = QsciScintillaBase;

class TestJsonLexer final : public QObject
{
    Q_OBJECT

private slots:
    void styles_data();
    void styles();
    void foldLevels();
    void stylesOnlyWhatIsShown();
    void jumpToEndSkipsTheMiddle();
    void followsPalette();
};

namespace {

// A pretty-printed array of `count` objects, two keys each: 4 lines per object.
QByteArray bigDocument(int count)
{
    QByteArray doc = "[\n";
    doc.reserve(count * 64);
    for (int i = 0; i < count; ++i) {
        doc += "  {\n    \"id\": " + QByteArray::number(i) + ",\n    \"name\": \"item "
            + QByteArray::number(i) + "\"\n  }";
        doc += i + 1 < count ? ",\n" : "\n";
    }
    doc += "]\n";
    return doc;
}

int styleAt(const CodeView &view, long pos)
{
    return int(view.SendScintilla(Sci::SCI_GETSTYLEAT, static_cast<unsigned long>(pos)));
}

int levelOf(const CodeView &view, int line)
{
    return int(view.SendScintilla(Sci::SCI_GETFOLDLEVEL, static_cast<unsigned long>(line)));
}

void styleAll(CodeView &view)
{
    view.SendScintilla(Sci::SCI_COLOURISE, 0UL, -1L);
}

} // namespace

void TestJsonLexer::styles_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("token"); // first occurrence is checked
    QTest::addColumn<int>("style");

    QTest::newRow("key") << QByteArray("{\"name\": \"value\"}") << QByteArray("\"name\"")
                         << int(JsonLexer::Key);
    QTest::newRow("string value") << QByteArray("{\"name\": \"value\"}") << QByteArray("\"value\"")
                                  << int(JsonLexer::String);
    QTest::newRow("key with space before colon")
        << QByteArray("{\"k\"   : 1}") << QByteArray("\"k\"") << int(JsonLexer::Key);
    QTest::newRow("string in array")
        << QByteArray("[\"a\", \"b\"]") << QByteArray("\"b\"") << int(JsonLexer::String);
    QTest::newRow("escaped quote stays string")
        << QByteArray("{\"q\": \"say \\\"hi\\\": ok\"}") << QByteArray("\\\"hi\\\": ok\"")
        << int(JsonLexer::String);
    QTest::newRow("number") << QByteArray("{\"n\": -1.50e3}") << QByteArray("-1.50e3")
                            << int(JsonLexer::Number);
    QTest::newRow("true") << QByteArray("[true]") << QByteArray("true") << int(JsonLexer::Keyword);
    QTest::newRow("null") << QByteArray("{\"x\": null}") << QByteArray("null")
                          << int(JsonLexer::Keyword);
    QTest::newRow("brace") << QByteArray("{\"x\": 1}") << QByteArray("{")
                           << int(JsonLexer::Punctuation);
    QTest::newRow("colon") << QByteArray("{\"x\": 1}") << QByteArray(":")
                           << int(JsonLexer::Punctuation);
    QTest::newRow("bare word is an error")
        << QByteArray("{\"x\": nope}") << QByteArray("nope") << int(JsonLexer::Error);
    QTest::newRow("unterminated string is an error")
        << QByteArray("{\"x\": \"abc\n}") << QByteArray("\"abc") << int(JsonLexer::Error);
    QTest::newRow("next line recovers")
        << QByteArray("{\"x\": \"abc\n\"y\": 2}") << QByteArray("\"y\"") << int(JsonLexer::Key);
}

void TestJsonLexer::styles()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, token);
    QFETCH(int, style);

    CodeView view;
    view.setJsonHighlighting(true);
    view.setUtf8Text(text);
    styleAll(view);
    const qsizetype at = text.indexOf(token);
    QVERIFY(at >= 0);
    for (qsizetype i = at; i < at + token.size(); ++i)
        QCOMPARE(styleAt(view, long(i)), style);
}

void TestJsonLexer::foldLevels()
{
    CodeView view;
    view.setJsonHighlighting(true);
    view.setUtf8Text("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}\n");
    styleAll(view);
    const int base = Sci::SC_FOLDLEVELBASE;
    const int header = Sci::SC_FOLDLEVELHEADERFLAG;
    const QList<int> expected = {
        base | header, (base + 1) | header, base + 2, base + 2, base + 2, base + 1, base + 1, base};
    QList<int> actual;
    for (int line = 0; line < expected.size(); ++line)
        actual.append(levelOf(view, line));
    QCOMPARE(actual, expected);

    // Folding the array hides its items.
    view.SendScintilla(Sci::SCI_FOLDLINE, 1UL, long(Sci::SC_FOLDACTION_CONTRACT));
    QVERIFY(!view.SendScintilla(Sci::SCI_GETLINEVISIBLE, 2UL));
    QVERIFY(!view.SendScintilla(Sci::SCI_GETLINEVISIBLE, 4UL));
    QVERIFY(view.SendScintilla(Sci::SCI_GETLINEVISIBLE, 5UL));
}

void TestJsonLexer::stylesOnlyWhatIsShown()
{
    CodeView view;
    view.setJsonHighlighting(true);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QByteArray doc = bigDocument(50000); // about 200,000 lines
    view.setUtf8Text(doc);
    view.grab(); // paints the first screen

    const long endStyled = view.SendScintilla(Sci::SCI_GETENDSTYLED);
    QVERIFY2(endStyled > 0, "the first screen was not styled");
    QVERIFY2(endStyled < doc.size() / 100,
             qPrintable(QStringLiteral("styled %1 of %2 bytes").arg(endStyled).arg(doc.size())));
    QVERIFY(view.jsonLexer()->bytesStyled() < doc.size() / 100);
    QCOMPARE(styleAt(view, long(doc.indexOf("\"id\""))), int(JsonLexer::Key));
}

void TestJsonLexer::jumpToEndSkipsTheMiddle()
{
    CodeView view;
    view.setJsonHighlighting(true);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int count = 50000;
    const QByteArray doc = bigDocument(count);
    view.setUtf8Text(doc);
    view.grab();

    view.SendScintilla(Sci::SCI_DOCUMENTEND);
    view.grab();
    JsonLexer *lexer = view.jsonLexer();
    QVERIFY2(
        lexer->bytesStyled() < doc.size() / 20,
        qPrintable(
            QStringLiteral("styled %1 of %2 bytes").arg(lexer->bytesStyled()).arg(doc.size())));
    // The end is styled, with the right depth for its fold levels.
    const QByteArray lastName = "\"name\": \"item " + QByteArray::number(count - 1) + "\"";
    const long lastPos = long(doc.lastIndexOf(lastName));
    QCOMPARE(styleAt(view, lastPos), int(JsonLexer::Key));
    QCOMPARE(styleAt(view, lastPos + 8), int(JsonLexer::String));
    const int lastLine = int(view.SendScintilla(Sci::SCI_LINEFROMPOSITION, lastPos));
    QCOMPARE(levelOf(view, lastLine), Sci::SC_FOLDLEVELBASE + 2);
    QCOMPARE(levelOf(view, lastLine - 2),
             (Sci::SC_FOLDLEVELBASE + 1) | Sci::SC_FOLDLEVELHEADERFLAG);

    // The middle was skipped ...
    const QByteArray midName = "\"name\": \"item " + QByteArray::number(count / 2) + "\"";
    const long midPos = long(doc.indexOf(midName));
    QCOMPARE(styleAt(view, midPos), int(JsonLexer::Default));

    // ... and is styled once it is scrolled into view.
    const int midLine = int(view.SendScintilla(Sci::SCI_LINEFROMPOSITION, midPos));
    view.setFirstVisibleLine(midLine - 5);
    view.grab();
    QCOMPARE(styleAt(view, midPos), int(JsonLexer::Key));
    QCOMPARE(levelOf(view, midLine), Sci::SC_FOLDLEVELBASE + 2);
    QCOMPARE(levelOf(view, midLine - 2), (Sci::SC_FOLDLEVELBASE + 1) | Sci::SC_FOLDLEVELHEADERFLAG);
    QVERIFY(lexer->bytesStyled() < doc.size() / 10);
}

void TestJsonLexer::followsPalette()
{
    CodeView view;
    view.setJsonHighlighting(true);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Text, QColor(220, 220, 220));
    view.setPalette(dark);
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    const QColor darkKey = view.jsonLexer()->color(JsonLexer::Key);
    QCOMPARE(view.jsonLexer()->paper(JsonLexer::Key), QColor(30, 30, 30));
    QVERIFY(darkKey.lightness() > 128);
    view.setPalette(light);
    QVERIFY(view.jsonLexer()->color(JsonLexer::Key).lightness() < 128);
    QCOMPARE(view.jsonLexer()->paper(JsonLexer::Key), QColor(Qt::white));
}

QTEST_MAIN(TestJsonLexer)
#include "tst_jsonlexer.moc"
