#include "ui/common/codeview.h"
#include "ui/update/diffmarkers.h"
#include "ui/update/responsediffdialog.h"

#include <QLabel>
#include <QTest>
#include <QTreeWidget>

using namespace Patchbay;
using Ui::ResponseDiffDialog;

namespace {

Core::Response response(int status, const QByteArray &body, const QByteArray &type,
                        const QByteArray &etag = {})
{
    Core::Response r;
    r.statusCode = status;
    r.reason = status == 200 ? QStringLiteral("OK") : QStringLiteral("Created");
    r.headers = {{"Content-Type", type}};
    if (!etag.isEmpty())
        r.headers.append({"ETag", etag});
    r.body = Core::ResponseBody(body);
    return r;
}

QStringList rows(const QTreeWidget *tree)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        QStringList cells;
        for (int c = 0; c < tree->columnCount(); ++c)
            cells.append(item->text(c));
        out.append(cells.join(u'|'));
    }
    return out;
}

} // namespace

class TestResponseDiffDialog final : public QObject
{
    Q_OBJECT

private slots:
    void jsonDiff()
    {
        const ResponseDiffDialog dialog(QStringLiteral("before"),
                                        response(200, "{\"a\": 1.50, \"b\": {\"c\": 1}, \"d\": 1}",
                                                 "application/json", "\"1\""),
                                        QStringLiteral("after"),
                                        response(201,
                                                 "{\"b\": {\"c\": 2}, \"a\": 1.5, \"e\": true}",
                                                 "application/json", "\"2\""));
        QVERIFY(dialog.isJsonDiff());
        // Order and number spelling do not count: /a is not listed.
        QCOMPARE(rows(dialog.jsonTree()),
                 (QStringList {QStringLiteral("/b/c|changed|1|2"),
                               QStringLiteral("/d|removed|1|(absent)"),
                               QStringLiteral("/e|added|(absent)|true")}));
        QCOMPARE(rows(dialog.metaTree()),
                 (QStringList {QStringLiteral("Status|200 OK|201 Created"),
                               QStringLiteral("etag|\"1\"|\"2\"")}));
        QVERIFY(dialog.summaryLabel()->text().contains(QLatin1String("3 field(s)")));
    }

    void sameJson()
    {
        const ResponseDiffDialog dialog(
            QStringLiteral("a"), response(200, "{\"x\": [1, 2]}", "application/json"),
            QStringLiteral("b"), response(200, "{\"x\":[1,2]}", "application/json"));
        QVERIFY(dialog.isJsonDiff());
        QCOMPARE(dialog.jsonTree()->topLevelItemCount(), 0);
        QVERIFY(dialog.summaryLabel()->text().contains(QLatin1String("Status and headers are the "
                                                                     "same")));
        QVERIFY(dialog.summaryLabel()->text().contains(QLatin1String("JSON bodies are the same")));
    }

    void textDiff()
    {
        const ResponseDiffDialog dialog(
            QStringLiteral("a"), response(200, "one\ntwo\nthree\n", "text/plain"),
            QStringLiteral("b"), response(200, "one\n2\nthree\n", "text/plain"));
        QVERIFY(!dialog.isJsonDiff());
        QCOMPARE(dialog.textView()->text(), QStringLiteral("  one\n- two\n+ 2\n  three\n"));
        QCOMPARE(Ui::DiffMarkers::linesWith(dialog.textView(), Ui::DiffMarkers::Removed),
                 QList<int> {1});
        QCOMPARE(Ui::DiffMarkers::linesWith(dialog.textView(), Ui::DiffMarkers::Added),
                 QList<int> {2});
        QVERIFY(
            dialog.summaryLabel()->text().contains(QLatin1String("1 line(s) removed, 1 added")));
    }
};

QTEST_MAIN(TestResponseDiffDialog)
#include "tst_responsediffdialog.moc"
