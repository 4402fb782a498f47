// Helper for tst_savecrash: saves requests of a workspace in a loop until it is killed.
// Usage: collections_saveloop WORKSPACE_DIR COLLECTION_DIR

#include "core/collections/workspace.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>

using namespace Patchbay::Core;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    Result<Workspace> opened = Workspace::open(args.at(1));
    if (!opened.ok())
        return 3;
    Workspace ws = std::move(opened).value();
    const QString collection = args.at(2);
    bool announced = false;
    // Bounded: the test kills it long before.
    for (int i = 0; i < 200000; ++i) {
        const CollectionItem *col = ws.item(collection);
        if (!col || col->children.isEmpty())
            return 4;
        const CollectionItem &target = col->children.at(i % col->children.size());
        if (target.name.startsWith(QLatin1String("Flip"))) {
            const QString next = target.name == QLatin1String("Flip A") ? QStringLiteral("Flip B")
                                                                        : QStringLiteral("Flip A");
            if (!ws.rename(target.path, next).ok())
                return 5;
        } else {
            SavedRequest saved = target.request;
            const int size = int(QRandomGenerator::global()->bounded(1, 256 * 1024));
            saved.request.body.mode = BodyMode::Text;
            saved.request.body.text = QString::number(i) + u'\n' + QString(size, u'x') + u'\n';
            if (!ws.saveRequest(target.path, saved).ok())
                return 6;
        }
        if (!announced) {
            std::fputs("saving\n", stdout);
            std::fflush(stdout);
            announced = true;
        }
    }
    return 0;
}
