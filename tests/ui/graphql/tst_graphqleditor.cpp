#include "core/graphql/graphqlschema.h"
#include "tests/support/testfiles.h"
#include "ui/common/codeview.h"
#include "ui/graphql/graphqleditor.h"
#include "ui/graphql/graphqllexer.h"
#include "ui/graphql/schemadiffdialog.h"
#include "ui/graphql/schemaexplorer.h"
#include "ui/request/jsonbodyeditor.h"
#include "ui/request/requesteditor.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;
using Sci = QsciScintillaBase;

namespace {

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/tests/core/graphql/data/")
        + name;
}

std::shared_ptr<const GraphQl::Schema> starWars()
{
    return std::make_shared<const GraphQl::Schema>(
        GraphQl::schemaFromFile(readFile(dataFile(QStringLiteral("starwars.graphql")))).value());
}

int styleAt(QsciScintilla *view, const QByteArray &text, const QByteArray &needle, int from = 0)
{
    const int at = text.indexOf(needle, from);
    return at < 0 ? -1 : int(view->SendScintilla(Sci::SCI_GETSTYLEAT, at));
}

} // namespace

// The GraphQL body page as a user drives it (offscreen).
class TestGraphQlEditor final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void lexerStylesTheQuery()
    {
        Ui::GraphQlEditor editor;
        const QByteArray text = "query Hero($ep: Episode = JEDI) @cached {\n"
                                "  # a comment\n"
                                "  hero(episode: $ep, first: 10) { name }\n"
                                "  s: search(text: \"\"\"multi\nline\"\"\") { __typename }\n"
                                "}\n";
        editor.setBody({QString::fromUtf8(text), {}, {}, {}});
        editor.resize(800, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        Ui::CodeView *view = editor.queryEditor();
        view->SendScintilla(Sci::SCI_COLOURISE, 0L, -1L);
        QCOMPARE(styleAt(view, text, "query"), int(Ui::GraphQlLexer::Keyword));
        QCOMPARE(styleAt(view, text, "Hero"), int(Ui::GraphQlLexer::Name));
        QCOMPARE(styleAt(view, text, "$ep"), int(Ui::GraphQlLexer::Variable));
        QCOMPARE(styleAt(view, text, "Episode"), int(Ui::GraphQlLexer::TypeName));
        QCOMPARE(styleAt(view, text, "@cached"), int(Ui::GraphQlLexer::Directive));
        QCOMPARE(styleAt(view, text, "# a comment"), int(Ui::GraphQlLexer::Comment));
        QCOMPARE(styleAt(view, text, "hero"), int(Ui::GraphQlLexer::Name));
        QCOMPARE(styleAt(view, text, "10"), int(Ui::GraphQlLexer::Number));
        // A block string spans lines: its second line is still a string.
        QCOMPARE(styleAt(view, text, "line\"\"\""), int(Ui::GraphQlLexer::String));
        QCOMPARE(styleAt(view, text, "__typename"), int(Ui::GraphQlLexer::Name));
    }

    // Only what is shown gets styled: a long document is not styled below the viewport.
    void lexerStylesOnlyWhatIsVisible()
    {
        Ui::GraphQlEditor editor;
        QString text;
        for (int i = 0; i < 20000; ++i)
            text += QStringLiteral("  field%1(arg: \"x\") { id }\n").arg(i);
        editor.setBody({QStringLiteral("{\n") + text + u'}', {}, {}, {}});
        editor.resize(800, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QApplication::processEvents();
        auto *lexer = qobject_cast<Ui::GraphQlLexer *>(editor.queryEditor()->lexer());
        QVERIFY(lexer);
        QVERIFY(lexer->linesStyled() > 0);
        QVERIFY2(lexer->linesStyled() < 1000, qPrintable(QString::number(lexer->linesStyled())));
    }

    void completionListsTheSchemasFields()
    {
        Ui::GraphQlEditor editor;
        editor.resize(800, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setSchema(starWars(), QStringLiteral("test"));
        Ui::CodeView *query = editor.queryEditor();
        query->setFocus();
        // Typing shows the list by itself.
        QTest::keyClicks(query, QStringLiteral("{ human(id: 1) { fr"));
        QTRY_VERIFY(query->isListActive());
        QByteArray current(256, '\0');
        query->SendScintilla(Sci::SCI_AUTOCGETCURRENTTEXT, 0UL,
                             static_cast<void *>(current.data()));
        QCOMPARE(QByteArray(current.constData()), QByteArray("friends"));
        QTRY_COMPARE(editor.completionDetail()->text().left(22),
                     QStringLiteral("friends: [Character]"));
        // Return inserts it.
        QTest::keyClick(query, Qt::Key_Return);
        QVERIFY(!query->isListActive());
        QCOMPARE(query->text(), QStringLiteral("{ human(id: 1) { friends"));
        // Arguments after "(", and Ctrl+Space on demand.
        query->setText(QStringLiteral("{ search"));
        query->SendScintilla(Sci::SCI_DOCUMENTEND);
        QTest::keyClicks(query, QStringLiteral("("));
        QTRY_VERIFY(query->isListActive());
        query->SendScintilla(Sci::SCI_AUTOCGETCURRENTTEXT, 0UL,
                             static_cast<void *>(current.data()));
        QCOMPARE(QByteArray(current.constData()), QByteArray("text"));
        query->cancelList();
        QTest::keyClick(query, Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(query->isListActive());
        query->cancelList();
        // Nothing inside a string.
        query->setText(QStringLiteral("{ search(text: \"he"));
        query->SendScintilla(Sci::SCI_DOCUMENTEND);
        QVERIFY(!editor.showCompletions());
    }

    void validationMarksProblems()
    {
        Ui::GraphQlEditor editor;
        editor.setSchema(starWars(), QStringLiteral("test"));
        const QString text = QStringLiteral("{ hero { name nmae } human { name } }");
        QSignalSpy shown(&editor, &Ui::GraphQlEditor::diagnosticsChanged);
        editor.setBody({text, {}, {}, {}});
        QTRY_COMPARE(editor.diagnostics().size(), 2);
        Ui::CodeView *view = editor.queryEditor();
        const auto marked = [view](qsizetype at) {
            for (int indicator : {9, 10}) {
                if (view->SendScintilla(Sci::SCI_INDICATORVALUEAT, indicator, long(at)) != 0)
                    return indicator;
            }
            return 0;
        };
        QCOMPARE(marked(text.indexOf(QLatin1String("nmae"))), 9);
        QCOMPARE(marked(text.indexOf(QLatin1String("nmae")) + 3), 9);
        QCOMPARE(marked(text.indexOf(QLatin1String("human"))), 9);
        QCOMPARE(marked(text.indexOf(QLatin1String("name"))), 0);
        QCOMPARE(editor.diagnosticAt(text.indexOf(QLatin1String("nmae"))),
                 QStringLiteral("Cannot query field \"nmae\" on type \"Character\"."));
        auto *problems = editor.findChild<QLabel *>(QStringLiteral("graphqlProblems"));
        QVERIFY(problems->text().startsWith(QLatin1String("Line 1: Cannot query field")));

        // Fixing the text clears the markers after the typing pause.
        view->setText(QStringLiteral("{ hero { name } }"));
        QTRY_VERIFY(editor.diagnostics().isEmpty());
        QCOMPARE(marked(text.indexOf(QLatin1String("nmae"))), 0);
        // A deprecated field is a warning.
        view->setText(QStringLiteral("{ oldHero { name } }"));
        QTRY_COMPARE(editor.diagnostics().size(), 1);
        QCOMPARE(marked(3), 10);
        // Syntax errors are marked without a schema too.
        editor.setSchema(nullptr, {});
        view->setText(QStringLiteral("{ hero { name }"));
        QTRY_VERIFY(
            !editor.diagnostics().isEmpty()
            && editor.diagnostics().first().message.startsWith(QLatin1String("Syntax error")));
        QCOMPARE(editor.diagnostics().size(), 1);
    }

    void operationPickerChoosesTheOperation()
    {
        Ui::RequestEditor request;
        request.resize(900, 700);
        request.show();
        QVERIFY(QTest::qWaitForWindowExposed(&request));
        request.findChild<QTabWidget *>(QStringLiteral("requestTabs"))->setCurrentIndex(2);
        auto *mode = request.findChild<QComboBox *>(QStringLiteral("bodyModeCombo"));
        mode->setCurrentIndex(mode->findData(int(BodyMode::GraphQl)));
        Ui::GraphQlEditor *editor = request.graphQlEditor();
        QVERIFY(editor->isVisible());
        QVERIFY(!editor->operationPicker()->isVisible()); // nothing to pick yet
        QSignalSpy changed(&request, &Ui::RequestEditor::requestChanged);
        editor->queryEditor()->setText(QStringLiteral("query A { a }\nquery B { b }\n{ c }"));
        QTRY_VERIFY(editor->operationPicker()->isVisible());
        QCOMPARE(editor->operationPicker()->count(), 2);
        QCOMPARE(editor->operationPicker()->currentText(), QStringLiteral("query A"));
        QCOMPARE(request.request().body.graphql.operationName, QStringLiteral("A"));
        editor->operationPicker()->setCurrentIndex(1);
        emit editor->operationPicker()->activated(1);
        QCOMPARE(request.request().body.graphql.operationName, QStringLiteral("B"));
        QVERIFY(!changed.isEmpty());

        // The body round-trips through the editor.
        Request r = request.request();
        r.body.graphql.variables = QStringLiteral("{\"x\": 1.50}");
        request.setRequest(r);
        QCOMPARE(request.request().body, r.body);
        QCOMPARE(editor->operationPicker()->currentText(), QStringLiteral("query B"));
        QCOMPARE(request.request().body.mode, BodyMode::GraphQl);
    }

    // A schema is stored as SDL beside the collection; a refresh that changes it offers the
    // diff, and the body names the file.
    void schemaIsStoredAndItsChangesShown()
    {
        const QString collection = m_dir.filePath(QStringLiteral("c"));
        QDir().mkpath(collection);
        Ui::GraphQlEditor editor;
        editor.setSchemaDirectory(collection);
        QSignalSpy edited(&editor, &Ui::GraphQlEditor::edited);
        QSignalSpy schemaChanged(&editor, &Ui::GraphQlEditor::schemaChanged);
        editor.applySchemaResponse(
            ResponseBody(readFile(dataFile(QStringLiteral("starwars.introspection.json")))),
            QStringLiteral("http://x/graphql"), QStringLiteral("schemas/x-graphql.graphql"));
        QVERIFY(schemaChanged.wait(10000));
        QCOMPARE(editor.body().schemaFile, QStringLiteral("schemas/x-graphql.graphql"));
        QCOMPARE(edited.size(), 1);
        const QString file = collection + QStringLiteral("/schemas/x-graphql.graphql");
        QCOMPARE(readFile(file), readFile(dataFile(QStringLiteral("starwars.printed.graphql"))));
        QVERIFY(editor.lastSchemaChange().first.isEmpty());

        // The server changed: a field is gone.
        QByteArray changed = readFile(dataFile(QStringLiteral("starwars.graphql")));
        changed.replace("  homePlanet: String\n", "");
        editor.applySchemaResponse(ResponseBody(changed), QStringLiteral("http://x/graphql"), {});
        QVERIFY(schemaChanged.wait(10000));
        QVERIFY2(editor.schemaStatus()->text().contains(QStringLiteral("(+0 −1)")),
                 qPrintable(editor.schemaStatus()->text()));
        QVERIFY(!readFile(file).contains("homePlanet"));
        QVERIFY(editor.lastSchemaChange().first.contains(QLatin1String("homePlanet")));
        emit editor.schemaStatus()->linkActivated(QStringLiteral("diff"));
        auto *dialog = editor.findChild<Ui::SchemaDiffDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("schemaDiffSummary"))
                    ->text()
                    .startsWith(QLatin1String("0 line(s) added, 1 removed")));
        dialog->close();

        // Reopening the request loads the stored file.
        Ui::GraphQlEditor reopened;
        reopened.setBody(editor.body());
        QSignalSpy loaded(&reopened, &Ui::GraphQlEditor::schemaChanged);
        reopened.setSchemaDirectory(collection);
        QVERIFY(loaded.wait(10000));
        QVERIFY(reopened.schema());
        QVERIFY(!reopened.schema()->type(u"Human")->field(u"homePlanet"));
    }

    void schemaErrorsAreShown()
    {
        Ui::GraphQlEditor editor;
        QSignalSpy changed(&editor, &Ui::GraphQlEditor::schemaChanged);
        editor.applySchemaResponse(
            ResponseBody(QByteArray(R"({"errors":[{"message":"Not authorised"}]})")),
            QStringLiteral("http://x"), {});
        QTRY_COMPARE(editor.schemaStatus()->text(), QStringLiteral("Schema not loaded"));
        QCOMPARE(editor.schemaStatus()->toolTip(),
                 QStringLiteral("The server refused introspection: Not authorised"));
        QVERIFY(changed.isEmpty());
        QVERIFY(!editor.schema());
    }
};

QTEST_MAIN(TestGraphQlEditor)
#include "tst_graphqleditor.moc"
