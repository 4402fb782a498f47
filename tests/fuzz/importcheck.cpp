#include "tests/fuzz/importcheck.h"

#include "core/collections/collectionformat.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Patchbay::Core;

namespace Patchbay::Fuzz {

namespace {

// Bounds the work per input: a hostile file may hold many thousands of requests.
constexpr int kMaxChecked = 200;

void checkRequest(const SavedRequest &read)
{
    // The version a request file is written with follows from what it holds (2 for a
    // WebSocket request, else 1), whatever version the input said.
    SavedRequest request = read;
    request.formatVersion = requestFormatVersion(read);
    const QByteArray yaml = requestToYaml(request);
    for (YamlReader reader : {YamlReader::Auto, YamlReader::YamlCpp}) {
        ParseLocation at;
        const Result<SavedRequest> back = requestFromYaml(yaml, &at, reader);
        const QString which
            = reader == YamlReader::Auto ? QStringLiteral("Auto") : QStringLiteral("YamlCpp");
        FUZZ_CHECK(back.ok(),
                   QStringLiteral("%1 cannot read what requestToYaml wrote (line %2): "
                                  "%3\n%4")
                       .arg(which)
                       .arg(at.line)
                       .arg(back.ok() ? QString() : back.error().message, QString::fromUtf8(yaml)));
        FUZZ_CHECK(back.value() == request,
                   QStringLiteral("%1 reads another request than requestToYaml wrote:\n%2\n"
                                  "written again:\n%3")
                       .arg(which, QString::fromUtf8(yaml),
                            QString::fromUtf8(requestToYaml(back.value()))));
    }
}

void checkFolder(const ImportedFolder &folder, int &checked)
{
    if (checked >= kMaxChecked)
        return;
    const QByteArray yaml = folderToYaml(folder.info);
    const Result<FolderInfo> back = folderFromYaml(yaml);
    FUZZ_CHECK(back.ok() && back.value() == folder.info,
               QStringLiteral("folder does not survive a save:\n%1").arg(QString::fromUtf8(yaml)));
    for (const SavedRequest &request : folder.requests) {
        if (++checked > kMaxChecked)
            return;
        checkRequest(request);
    }
    for (const ImportedFolder &child : folder.folders)
        checkFolder(child, checked);
}

// Secret values are never written (by design): compare without them.
Environment withoutSecretValues(Environment environment)
{
    for (Variable &v : environment.variables) {
        if (v.secret)
            v.value.clear();
    }
    return environment;
}

} // namespace

void checkImportedSurvivesSave(const ImportedCollection &collection)
{
    const QByteArray yaml = collectionToYaml(collection.info);
    const Result<CollectionInfo> back = collectionFromYaml(yaml);
    FUZZ_CHECK(
        back.ok() && back.value() == collection.info,
        QStringLiteral("collection does not survive a save:\n%1").arg(QString::fromUtf8(yaml)));
    int checked = 0;
    checkFolder(collection.root, checked);
    for (const Environment &environment : collection.environments) {
        const QByteArray envYaml = environmentToYaml(environment);
        const Result<Environment> envBack = environmentFromYaml(envYaml);
        FUZZ_CHECK(envBack.ok() && envBack.value() == withoutSecretValues(environment),
                   QStringLiteral("environment does not survive a save:\n%1")
                       .arg(QString::fromUtf8(envYaml)));
    }
}

} // namespace Patchbay::Fuzz
