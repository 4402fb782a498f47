// `patchbay-cli import SPEC` for OpenAPI and Swagger descriptions (files or URLs), and
// `--update COLLECTION`: the three-way sync of a collection with a changed description.
#include "app/cli/commands.h"

#include "core/collections/workspace.h"
#include "core/openapi/specset.h"
#include "core/openapi/specsync.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <sys/stat.h>

using namespace Patchbay::Core;

namespace {

void printList(QTextStream &out, const char *title, const QStringList &lines)
{
    out << title << " (" << lines.size() << "):\n";
    for (const QString &line : lines)
        out << "  " << line << '\n';
}

} // namespace

bool Patchbay::Cli::isSpecSource(const QString &source)
{
    if (isSpecUrl(source))
        return true;
    // Only a regular file is looked into: reading a FIFO or a device could block or never end.
    struct stat info;
    if (::stat(QFile::encodeName(source).constData(), &info) != 0 || !S_ISREG(info.st_mode))
        return false;
    QFile file(source);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return looksLikeOpenApi(file.read(64 * 1024));
}

int Patchbay::Cli::runSpecImport(const QString &source, const QString &into,
                                 const QString &updateCollection, bool dryRun)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    Result<LoadedSpec> spec = isSpecUrl(source) ? loadSpecUrl(source) : loadSpecFile(source);
    if (!spec.ok()) {
        err << "patchbay-cli import: " << source << ": " << spec.error().message << '\n';
        return 1;
    }
    const ImportReport &report = spec->imported.collection.report;

    if (!updateCollection.isEmpty()) {
        const QString collection = QFileInfo(updateCollection).absoluteFilePath();
        Result<SpecSyncPlan> plan = planSpecSync(collection, spec.value());
        if (!plan.ok()) {
            err << "patchbay-cli import: " << plan.error().message << '\n';
            return 1;
        }
        out << (dryRun ? "Would update " : "Updating ") << collection << " from " << source
            << ":\n";
        for (const QString &line : plan->describe())
            out << "  " << line << '\n';
        if (dryRun)
            return 0;
        Result<Workspace> workspace = Workspace::open(QFileInfo(collection).absolutePath());
        if (!workspace.ok() || !workspace->item(collection)) {
            err << "patchbay-cli import: cannot open the workspace around " << collection << '\n';
            return 1;
        }
        Result<QStringList> written = applySpecSync(workspace.value(), std::move(plan.value()));
        if (!written.ok()) {
            err << "patchbay-cli import: " << written.error().message << '\n';
            return 1;
        }
        out << written->size() << " request files written\n";
        return 0;
    }

    const QString root = QFileInfo(into).absoluteFilePath();
    if (!QDir().mkpath(root)) {
        err << "patchbay-cli import: cannot create the workspace folder " << root << '\n';
        return 1;
    }
    Result<Workspace> workspace = Workspace::open(root);
    if (!workspace.ok()) {
        err << "patchbay-cli import: " << workspace.error().message << '\n';
        return 1;
    }
    Result<QString> written = writeSpecCollection(workspace.value(), spec.value());
    if (!written.ok()) {
        err << "patchbay-cli import: could not write into " << root << ": "
            << written.error().message << '\n';
        return 1;
    }
    out << "Imported " << source << " into " << written.value() << '\n';
    printList(out, "Created", report.created);
    printList(out, "Converted with loss", report.lossy);
    printList(out, "Skipped", report.skipped);
    return 0;
}
