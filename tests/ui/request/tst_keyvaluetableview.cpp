#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/variablehighlight.h"

#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTest>

using namespace Patchbay;

namespace {

double luminance(const QColor &c)
{
    const auto channel
        = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// WCAG 2 contrast ratio, 1 to 21.
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

// A `{{variable}}` in a table row stays readable when the row is selected (item 6 of issue 12:
// it was drawn in the selection colour on the selection colour). Measured on the painted pixels
// of the variable: its ink against the background around it.
class TestKeyValueTableView final : public QObject
{
    Q_OBJECT

private slots:
    void variablesReadableInASelectedRow_data()
    {
        QTest::addColumn<bool>("resolved");
        QTest::newRow("defined") << true;
        QTest::newRow("undefined") << false;
    }
    void variablesReadableInASelectedRow()
    {
        QFETCH(bool, resolved);
        Ui::KeyValueModel model;
        model.setRows({{QStringLiteral("Authorization"), QStringLiteral("{{token}} {{token}}")}});
        Ui::KeyValueTableView view;
        view.setKeyValueModel(&model);
        view.setVariableLookup([resolved](const QString &) {
            Ui::VariableInfo info;
            info.resolved = resolved;
            info.value = QStringLiteral("abc");
            return info;
        });
        view.resize(700, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex value = model.index(0, Ui::KeyValueModel::ValueColumn);
        view.horizontalHeader()->resizeSection(Ui::KeyValueModel::ValueColumn, 400);
        view.selectionModel()->select(
            value, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view.setFocus();
        QApplication::processEvents();

        const QImage image = view.viewport()->grab().toImage();
        const QRect cell = view.visualRect(value);
        const QColor selection = view.palette().color(QPalette::Active, QPalette::Highlight);
        // The background where the variable is drawn: the selection, maybe tinted.
        const QColor around = image.pixelColor(cell.left() + 5, cell.top() + 2);
        QVERIFY2(contrast(around, selection) < 1.6, "the row is drawn selected");
        // The ink of the text: the pixel that stands out most from that background.
        double best = 1;
        for (int y = cell.top(); y <= cell.bottom(); ++y) {
            for (int x = cell.left() + 3; x < cell.right() - 3; ++x)
                best = std::max(best, contrast(image.pixelColor(x, y), around));
        }
        QVERIFY2(best >= 4.5, qPrintable(QStringLiteral("contrast %1").arg(best)));
    }
};

QTEST_MAIN(TestKeyValueTableView)
#include "tst_keyvaluetableview.moc"
