// Bruno: the `.bru` block parser, and a collection directory made of the input.
// The input is parsed with parseBruFile(); when it parses, it is written as a request, as
// collection.bru and as an environment of a collection folder in a private temporary directory
// (in memory under /dev/shm when it exists) and imported with importBrunoDirectory().
// Checks: no crash, errors carry a message, what is imported survives a save (importcheck.h).
#include "core/interop/brunoimport.h"
#include "tests/fuzz/fuzzsupport.h"
#include "tests/fuzz/importcheck.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <memory>

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

namespace {

void writeFile(const QString &path, QByteArrayView content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(content.data(), content.size()) < 0)
        qFatal("fuzz_bru: cannot write %s", qPrintable(path));
}

// One directory per process, rewritten for every input.
const QString &collectionDir()
{
    static std::unique_ptr<QTemporaryDir> dir = [] {
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm")
                                                                       : QDir::tempPath();
        return std::make_unique<QTemporaryDir>(base + QStringLiteral("/patchbay-fuzz-bru-XXXXXX"));
    }();
    static const QString path = [] {
        const QString root = dir->path() + QStringLiteral("/collection");
        QDir().mkpath(root + QStringLiteral("/environments"));
        writeFile(root + QStringLiteral("/bruno.json"),
                  R"({"version": "1", "name": "fuzz", "type": "collection"})");
        return root;
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 8192))
        return -1;
    const QString text = QString::fromUtf8(bytes(data, size));
    const Result<QList<BruBlock>> blocks = parseBruFile(text);
    if (!blocks.ok()) {
        FUZZ_CHECK(!blocks.error().message.isEmpty(), blocks.error().code);
        return 0;
    }

    const QString &root = collectionDir();
    writeFile(root + QStringLiteral("/request.bru"), bytes(data, size));
    writeFile(root + QStringLiteral("/collection.bru"), bytes(data, size));
    writeFile(root + QStringLiteral("/environments/fuzz.bru"), bytes(data, size));
    const Result<ImportedCollection> collection = importBrunoDirectory(root);
    if (collection.ok())
        checkImportedSurvivesSave(collection.value());
    else
        FUZZ_CHECK(!collection.error().message.isEmpty(), collection.error().code);
    return 0;
}
