#include "core/environments/variablecontext.h"
#include "ui/request/jsonbodyeditor.h"
#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/requesteditor.h"
#include "ui/request/urllineedit.h"
#include "ui/request/variablehighlight.h"

#include <Qsci/qsciscintilla.h>

#include <QImage>
#include <QLineEdit>
#include <QTest>

using namespace Patchbay;
using Ui::VariableHighlight;
using Ui::VariableInfo;

namespace {

// `base` and `token` (secret) resolve from the Staging environment; anything else does not.
Core::VariableContext context()
{
    return Core::VariableContext(
        {{Core::ScopeKind::Environment,
          QStringLiteral("Staging"),
          {{QStringLiteral("base"), QStringLiteral("http://h"), true, false},
           {QStringLiteral("token"), QStringLiteral("s3cret"), true, true}}}});
}

Ui::VariableLookup lookup()
{
    return [ctx = context()](const QString &name) { return Ui::variableInfo(ctx, name); };
}

// Pixels close to the "unresolved" red, in a widget's rendering.
int reddishPixels(QWidget *widget)
{
    const QImage image = widget->grab().toImage();
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 150 && c.green() < 110 && c.blue() < 110)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestVariableHighlight final : public QObject
{
    Q_OBJECT

private slots:
    void toolTips_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("resolved") << QStringLiteral("base")
                                  << QStringLiteral("base = http://h (from Environment 'Staging')");
        QTest::newRow("secret is masked")
            << QStringLiteral("token")
            << QStringLiteral("token = \u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022 (secret) "
                              "(from Environment 'Staging')");
        QTest::newRow("unresolved")
            << QStringLiteral("missing")
            << QStringLiteral("missing is not defined: add it to the collection, an environment "
                              "or the globals, or choose another environment");
        QTest::newRow("dynamic") << QStringLiteral("$uuid")
                                 << QStringLiteral("(from dynamic: a new value at each send)");
    }

    void toolTips()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const VariableInfo info = lookup()(name);
        const QString tip = Ui::variableToolTip(name, info);
        if (name.startsWith(u'$'))
            QVERIFY2(tip.endsWith(expected), qPrintable(tip));
        else
            QCOMPARE(tip, expected);
        QVERIFY(!tip.contains(QLatin1String("s3cret")));
    }

    void urlLineEditHighlightsAndExplains()
    {
        Ui::UrlLineEdit edit;
        edit.resize(500, 30);
        edit.setText(QStringLiteral("{{base}}/users/{{missing}}"));
        QVERIFY(edit.variableHighlights().isEmpty()); // no lookup yet
        const int redBefore = reddishPixels(&edit);

        edit.setVariableLookup(lookup());
        const QList<VariableHighlight> expected {{0, 8, QStringLiteral("base"), true},
                                                 {15, 11, QStringLiteral("missing"), false}};
        QCOMPARE(edit.variableHighlights(), expected);
        QVERIFY(edit.variableToolTipAt(3).startsWith(QLatin1String("base = http://h")));
        QVERIFY(edit.variableToolTipAt(20).startsWith(QLatin1String("missing is not defined")));
        QVERIFY(edit.variableToolTipAt(10).isEmpty());
        // The unresolved variable is really drawn in red.
        QVERIFY(reddishPixels(&edit) > redBefore + 10);

        // Typing keeps the highlights in step, and the text itself is untouched.
        edit.setText(QStringLiteral("x{{base}}"));
        QCOMPARE(edit.variableHighlights(),
                 (QList<VariableHighlight> {{1, 8, QStringLiteral("base"), true}}));
        QCOMPARE(edit.text(), QStringLiteral("x{{base}}"));
        QVERIFY(!edit.isUndoAvailable() || edit.text() == QStringLiteral("x{{base}}"));
        QCOMPARE(reddishPixels(&edit), redBefore);
    }

    void tableCellsHighlightAndExplain()
    {
        Ui::KeyValueModel model;
        model.setRows({{QStringLiteral("auth"), QStringLiteral("Bearer {{token}}")},
                       {QStringLiteral("{{missing}}"), QStringLiteral("plain")}});
        Ui::KeyValueTableView view;
        view.setKeyValueModel(&model);
        view.resize(600, 200);
        const int redBefore = reddishPixels(&view);
        view.setVariableLookup(lookup());
        const QModelIndex value = model.index(0, Ui::KeyValueModel::ValueColumn);
        const QModelIndex name = model.index(1, Ui::KeyValueModel::NameColumn);
        QCOMPARE(view.variableHighlights(value),
                 (QList<VariableHighlight> {{7, 9, QStringLiteral("token"), true}}));
        QCOMPARE(view.variableHighlights(name),
                 (QList<VariableHighlight> {{0, 11, QStringLiteral("missing"), false}}));
        QVERIFY(view.variableHighlights(model.index(1, Ui::KeyValueModel::ValueColumn)).isEmpty());
        QVERIFY(view.variableToolTip(value).contains(QLatin1String("(secret)")));
        QVERIFY(!view.variableToolTip(value).contains(QLatin1String("s3cret")));
        QVERIFY(view.variableToolTip(name).startsWith(QLatin1String("missing is not defined")));
        QVERIFY(reddishPixels(&view) > redBefore + 10);
    }

    void bodyEditorIndicators()
    {
        Ui::JsonBodyEditor editor;
        // "é" is two UTF-8 bytes: Scintilla positions are bytes, QString ones UTF-16.
        editor.setText(QStringLiteral("{\"é\": \"{{base}}\", \"k\": \"{{nope}}\"}"));
        editor.setVariableLookup(lookup());
        QsciScintilla *sci = editor.textEditor();
        const QByteArray utf8 = editor.text().toUtf8();
        const int baseAt = int(utf8.indexOf("{{base}}"));
        const int nopeAt = int(utf8.indexOf("{{nope}}"));
        auto on = [sci](int indicator, int position) {
            return sci->SendScintilla(QsciScintilla::SCI_INDICATORVALUEAT, indicator, position)
                != 0;
        };
        const int ok = Ui::JsonBodyEditor::kResolvedVariableIndicator;
        const int bad = Ui::JsonBodyEditor::kUnresolvedVariableIndicator;
        QVERIFY(on(ok, baseAt));
        QVERIFY(on(ok, baseAt + 7));
        QVERIFY(!on(ok, baseAt + 8));
        QVERIFY(!on(ok, baseAt - 1));
        QVERIFY(!on(bad, baseAt));
        QVERIFY(on(bad, nopeAt));
        QVERIFY(on(bad, nopeAt + 7));
        QVERIFY(!on(ok, nopeAt));
        QVERIFY(editor.variableToolTipAt(baseAt + 2).startsWith(QLatin1String("base = http://h")));
        QVERIFY(editor.variableToolTipAt(nopeAt).startsWith(QLatin1String("nope is not defined")));
        QVERIFY(editor.variableToolTipAt(0).isEmpty());

        // Edits are followed (after a short delay).
        editor.setText(QStringLiteral("{{nope}}"));
        QTRY_VERIFY(on(bad, 0) && !on(ok, 0) && editor.variableHighlights().size() == 1);
        editor.setVariableLookup({});
        QVERIFY(!on(bad, 0));
    }

    void requestEditorAuthFields()
    {
        Ui::RequestEditor editor;
        Core::Request request;
        request.url = QStringLiteral("{{base}}/x");
        request.auth.mode = Core::AuthMode::Bearer;
        request.auth.token = QStringLiteral("{{missing}}");
        editor.setRequest(request);
        auto *bearer = editor.findChild<QLineEdit *>(QStringLiteral("bearerToken"));
        QVERIFY(bearer);
        const QColor normal = bearer->palette().color(QPalette::Text);
        editor.setVariableLookup(lookup());
        QCOMPARE(bearer->palette().color(QPalette::Text), Ui::unresolvedVariableColor());
        QVERIFY(bearer->toolTip().contains(QLatin1String("missing is not defined")));
        bearer->setText(QStringLiteral("{{token}}"));
        QCOMPARE(bearer->palette().color(QPalette::Text), normal);
        QVERIFY(bearer->toolTip().contains(QLatin1String("token = ")));
        auto *url = editor.findChild<Ui::UrlLineEdit *>();
        QVERIFY(url);
        QCOMPARE(url->variableHighlights().size(), 1);
        QVERIFY(url->variableHighlights().first().resolved);
        // The editor's request is not changed by highlighting.
        QCOMPARE(editor.request().url, QStringLiteral("{{base}}/x"));
    }
};

QTEST_MAIN(TestVariableHighlight)
#include "tst_variablehighlight.moc"
