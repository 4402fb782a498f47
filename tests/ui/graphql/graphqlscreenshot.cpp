// Saves the GraphQL editor with its completion list open, for docs/screenshot-graphql.png:
//   graphqlscreenshot SCHEMA_FILE OUT.png   (scripts/screenshot runs it under Xvfb)
// A real window: the schema is loaded from a file as Load Schema… does, a query is typed, and
// completion pops up as it does while typing.
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/common/codeview.h"
#include "ui/graphql/graphqleditor.h"
#include "ui/graphql/schemaexplorer.h"
#include "ui/mainwindow.h"
#include "ui/request/jsonbodyeditor.h"
#include "ui/request/requesteditor.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

using namespace Patchbay;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("PatchbayScreenshot"));
    if (argc != 3) {
        fprintf(stderr, "usage: graphqlscreenshot SCHEMA_FILE OUT.png\n");
        return 2;
    }
    const QString schemaFile = QString::fromLocal8Bit(argv[1]);
    const QString out = QString::fromLocal8Bit(argv[2]);
    QTemporaryDir dir;
    QNetworkAccessManager network;
    Core::HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
    Core::Workspace workspace;
    Ui::MainWindow window(&network, &history, &workspace);
    window.resize(1400, 860);
    window.show();

    Ui::RequestEditor *editor = window.requestEditor();
    Core::Request request;
    request.method = QStringLiteral("POST");
    request.url = QStringLiteral("https://swapi.example.com/graphql");
    request.body.mode = Core::BodyMode::GraphQl;
    request.body.graphql.variables = QStringLiteral("{\n  \"episode\": \"EMPIRE\"\n}");
    editor->setRequest(request);
    Ui::GraphQlEditor *graphql = editor->graphQlEditor();
    QObject::connect(graphql, &Ui::GraphQlEditor::schemaChanged, &window, [&] {
        Ui::CodeView *query = graphql->queryEditor();
        query->setFocus();
        query->setText(QStringLiteral("query Hero($episode: Episode) {\n"
                                      "  hero(episode: $episode) {\n"
                                      "    name\n"
                                      "    ... on Human {\n"
                                      "      homePlanet\n"
                                      "      h"));
        query->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
        graphql->explorer()->showType(QStringLiteral("Human"));
        QTimer::singleShot(300, &window, [&] {
            graphql->showCompletions();
            QTimer::singleShot(500, &window, [&] {
                // The completion list is a popup window of its own: grab the screen under the
                // main window, not the window alone.
                const QRect area = window.frameGeometry();
                const QPixmap shot = window.screen()->grabWindow(0, area.x(), area.y(),
                                                                 area.width(), area.height());
                const bool saved = shot.save(out, "PNG");
                fprintf(stderr, "%s %s\n", saved ? "wrote" : "could not write", qPrintable(out));
                QCoreApplication::exit(saved ? 0 : 1);
            });
        });
    });
    graphql->loadSchemaFromPath(schemaFile);
    QTimer::singleShot(30000, &app, [] { QCoreApplication::exit(3); });
    return app.exec();
}
