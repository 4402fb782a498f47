// Saves the OpenAPI features in a real window, for docs/OPENAPI.md:
//   openapiscreenshot SPEC OUT.png UPDATE_OUT.png   (scripts/screenshot runs it under Xvfb)
// OUT.png: a collection imported from SPEC, its server's environment pointed at a local server
// whose pet does not have the shape the description promises, one request sent, and the
// contract badge above the response. UPDATE_OUT.png: the description changed (an operation
// added, a required property added to the pets), "Update from spec…" with its preview.
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "core/openapi/specsync.h"
#include "tests/support/screenshotsteps.h"
#include "tests/support/scriptedserver.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/common/translations.h"
#include "ui/mainwindow.h"
#include "ui/openapi/specupdatedialog.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <functional>

using namespace Patchbay;
using Patchbay::Test::when;

namespace {

bool save(QWidget *widget, const QString &out)
{
    const bool saved = widget->grab().save(out, "PNG");
    std::fprintf(stderr, "%s %s\n", saved ? "wrote" : "could not write", qPrintable(out));
    return saved;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("PatchbayScreenshot"));
    Ui::installEnglishPlurals(&app);
    if (argc != 4) {
        std::fprintf(stderr, "usage: openapiscreenshot SPEC OUT.png UPDATE_OUT.png\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[2]);
    const QString updateOut = QString::fromLocal8Bit(argv[3]);
    QTemporaryDir dir;
    const QString specFile = dir.filePath(QStringLiteral("petstore.yaml"));
    const QString wsDir = dir.filePath(QStringLiteral("workspace"));
    if (!QFile::copy(QString::fromLocal8Bit(argv[1]), specFile) || !QDir().mkpath(wsDir))
        return 2;
    Core::Result<Core::Workspace> opened = Core::Workspace::open(wsDir);
    const Core::Result<Core::LoadedSpec> loaded = Core::loadSpecFile(specFile);
    if (!opened.ok() || !loaded.ok())
        return 2;
    Core::Workspace workspace = std::move(opened).value();
    const Core::Result<QString> collection = Core::writeSpecCollection(workspace, *loaded);
    if (!collection.ok())
        return 2;
    const QString requestPath = *collection + QStringLiteral("/pets/find-pet-by-id.yaml");
    if (!workspace.item(requestPath))
        return 2;

    // The API, answering with a pet whose id is text and which has no name.
    Test::ScriptedServer api;
    api.setHandler([](const Test::ReceivedRequest &, Test::Connection &c) {
        c.respond(200, "{\"id\": \"7\", \"tag\": \"dog\"}", {{"Content-Type", "application/json"}});
    });
    // The description's server becomes an environment: point its baseUrl at that API.
    const Core::CollectionItem *imported = workspace.item(*collection);
    if (!imported || imported->environments.isEmpty())
        return 2;
    const QString environmentPath = imported->environments.first().path;
    Core::Environment environment = imported->environments.first().environment;
    for (Core::Variable &v : environment.variables) {
        if (v.name == QLatin1String("baseUrl"))
            v.value = api.url(QStringLiteral("/v2")).toString(); // the description's base path
    }
    if (!workspace.saveEnvironment(environmentPath, environment).ok())
        return 2;

    QNetworkAccessManager network;
    Core::HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
    Ui::MainWindow window(&network, &history, &workspace);
    window.resize(1400, 860);
    window.show();
    window.collectionsPanel()->view()->expandAll();
    window.environmentPicker()->setCollection(*collection);
    window.environmentPicker()->setCurrentEnvironment(environmentPath);

    when([&] { return api.isListening(); },
         [&] {
             window.openSavedRequest(requestPath, workspace.item(requestPath)->request);
             Ui::RequestTab *tab = window.currentTab();
             emit tab->editor()->sendRequested();
             QLabel *badge = tab->viewer()->contractBadge();
             when([badge] { return badge->isVisible(); },
                  [&] {
                      if (!save(&window, out)) {
                          QCoreApplication::exit(1);
                          return;
                      }
                      // Version 2 of the description: a new operation, a required property.
                      QFile spec(specFile);
                      if (!spec.open(QIODevice::ReadWrite))
                          return QCoreApplication::exit(1);
                      QByteArray text = spec.readAll();
                      text.replace("components:\n",
                                   "  /pets/{id}/photo:\n"
                                   "    get:\n"
                                   "      summary: Photo of a pet\n"
                                   "      operationId: getPhoto\n"
                                   "      parameters:\n"
                                   "        - {name: id, in: path, required: true,"
                                   " schema: {type: integer}}\n"
                                   "      responses:\n"
                                   "        '200': {description: the photo}\n"
                                   "components:\n");
                      text.replace("      required:\n        - name  \n      properties:\n",
                                   "      required:\n        - name\n        - age\n"
                                   "      properties:\n        age:\n"
                                   "          type: integer\n          minimum: 0\n");
                      spec.resize(0);
                      spec.write(text);
                      spec.close();
                      auto *dialog = new Ui::SpecUpdateDialog(&workspace, *collection, &window);
                      dialog->resize(900, 420);
                      dialog->show();
                      QObject::connect(
                          dialog, &Ui::SpecUpdateDialog::previewReady, dialog, [dialog, updateOut] {
                              QTimer::singleShot(200, dialog, [dialog, updateOut] {
                                  QCoreApplication::exit(save(dialog, updateOut) ? 0 : 1);
                              });
                          });
                      dialog->preview();
                  },
                  4);
         },
         3);
    return app.exec();
}
