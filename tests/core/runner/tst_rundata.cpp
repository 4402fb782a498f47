#include "core/runner/rundata.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

// "a=1,b=2|a=3,b=4" for compact comparisons.
QString flatten(const QList<DataRow> &rows)
{
    QStringList out;
    for (const DataRow &row : rows) {
        QStringList cells;
        for (const Variable &v : row)
            cells.append(v.name + u'=' + v.value);
        out.append(cells.join(u','));
    }
    return out.join(u'|');
}

} // namespace

// Iteration data files: CSV with RFC 4180 quoting, and JSON arrays of objects.
class TestRunData final : public QObject
{
    Q_OBJECT

private slots:
    void csv_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("rows");
        QTest::newRow("simple") << QByteArray("id,name\n1,Ada\n2,Bob\n")
                                << "id=1,name=Ada|id=2,name=Bob";
        QTest::newRow("no final newline") << QByteArray("id\n1\n2") << "id=1|id=2";
        QTest::newRow("crlf") << QByteArray("id,name\r\n1,Ada\r\n") << "id=1,name=Ada";
        QTest::newRow("bom") << QByteArray("\xef\xbb\xbfid\n1\n") << "id=1";
        QTest::newRow("quoted comma")
            << QByteArray("id,name\n1,\"Lovelace, Ada\"\n") << "id=1,name=Lovelace, Ada";
        QTest::newRow("escaped quote") << QByteArray("q\n\"say \"\"hi\"\"\"\n") << "q=say \"hi\"";
        QTest::newRow("newline in quotes")
            << QByteArray("id,text\n1,\"a\nb\"\n2,c\n") << "id=1,text=a\nb|id=2,text=c";
        QTest::newRow("empty fields") << QByteArray("a,b,c\n,,\n") << "a=,b=,c=";
        QTest::newRow("empty quoted") << QByteArray("a,b\n\"\",x\n") << "a=,b=x";
        QTest::newRow("blank lines skipped") << QByteArray("a\n1\n\n2\n\n") << "a=1|a=2";
        QTest::newRow("header trimmed") << QByteArray(" a , b\n1,2\n") << "a=1,b=2";
        QTest::newRow("utf-8") << QByteArray("name\nGrüße\n") << QStringLiteral("name=Grüße");
        QTest::newRow("header only") << QByteArray("a,b\n") << "";
    }

    void csv()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, rows);
        const Result<QList<DataRow>> parsed = parseCsvData(csv);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(flatten(parsed.value()), rows);
    }

    void csvErrors_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray("") << "The CSV file is empty";
        QTest::newRow("unclosed quote") << QByteArray("a\n\"open\n") << "is not closed";
        QTest::newRow("quote inside field") << QByteArray("a\nx\"y\n") << "quote in the middle";
        QTest::newRow("text after quote") << QByteArray("a\n\"x\"y\n") << "after a closing quote";
        QTest::newRow("field count")
            << QByteArray("a,b\n1,2,3\n") << "CSV record 2: has 3 fields but the header names 2";
    }

    void csvErrors()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, message);
        const Result<QList<DataRow>> parsed = parseCsvData(csv);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("data-csv"));
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    }

    void json_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("rows");
        QTest::newRow("strings and numbers")
            << QByteArray("[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2.50, \"name\": \"B\"}]")
            << "id=1,name=Ada|id=2.50,name=B";
        QTest::newRow("bool null object")
            << QByteArray("[{\"ok\": true, \"n\": null, \"o\": {\"a\": [1]}}]")
            << "ok=true,n=,o={\"a\":[1]}";
        QTest::newRow("empty array") << QByteArray("[]") << "";
    }

    void json()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, rows);
        const Result<QList<DataRow>> parsed = parseJsonData(json);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(flatten(parsed.value()), rows);
    }

    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("[{]") << "not valid JSON";
        QTest::newRow("object") << QByteArray("{\"a\": 1}") << "must be an array of objects";
        QTest::newRow("array of numbers")
            << QByteArray("[1]") << "Item 0 of the data file is a number";
    }

    void jsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const Result<QList<DataRow>> parsed = parseJsonData(json);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("data-json"));
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    }

    void fileFormatFromContent()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("rows.txt"));
        QFile f(json);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xef\xbb\xbf  [{\"a\": \"x\"}]");
        f.close();
        const Result<QList<DataRow>> fromJson = readDataFile(json);
        QVERIFY(fromJson.ok());
        QCOMPARE(flatten(fromJson.value()), QStringLiteral("a=x"));

        const QString csv = dir.filePath(QStringLiteral("rows.json"));
        QFile g(csv);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("a\n[x]\n");
        g.close();
        const Result<QList<DataRow>> fromCsv = readDataFile(csv);
        QVERIFY(fromCsv.ok());
        QCOMPARE(flatten(fromCsv.value()), QStringLiteral("a=[x]"));

        const Result<QList<DataRow>> missing = readDataFile(dir.filePath(QStringLiteral("no")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("read-failed"));
    }
};

QTEST_GUILESS_MAIN(TestRunData)
#include "tst_rundata.moc"
