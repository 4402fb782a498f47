#include "tests/bench/workspacegenerator.h"

#include "core/collections/collectionformat.h"

#include <QDir>
#include <QFile>
#include <QStringList>

using namespace Patchbay::Core;

namespace Patchbay::Bench {

namespace {

SavedRequest sampleRequest(int i)
{
    SavedRequest r;
    r.name = QStringLiteral("Request %1 – update user").arg(i);
    r.order = (i % 200 + 1) * 1000;
    r.request.method = (i % 3 == 0) ? QStringLiteral("PUT") : QStringLiteral("GET");
    r.request.url = QStringLiteral("{{baseUrl}}/users/%1").arg(i);
    r.request.params = {{QStringLiteral("page"), QString::number(i % 7), true},
                        {QStringLiteral("debug"), QStringLiteral("true"), false}};
    r.request.headers
        = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
           {QStringLiteral("Authorization"), QStringLiteral("Bearer {{token}}"), true}};
    if (i % 3 == 0) {
        r.request.body.mode = BodyMode::Json;
        r.request.body.text = QStringLiteral("{\n  \"id\": %1,\n  \"name\": \"User %1\",\n"
                                             "  \"email\": \"user%1@example.com\"\n}\n")
                                  .arg(i);
    }
    if (i % 5 == 0)
        r.description = QStringLiteral("Generated request %1.\nSecond line.\n").arg(i);
    return r;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

qint64 generateWorkspace(const QString &root, int count)
{
    constexpr int collections = 3;
    constexpr int folders = 50;
    qint64 bytes = 0;
    QStringList folderDirs;
    for (int c = 0; c < collections; ++c) {
        const QString dir = root + QStringLiteral("/collection-%1").arg(c);
        QDir().mkpath(dir + QStringLiteral("/environments"));
        CollectionInfo info;
        info.name = QStringLiteral("Collection %1").arg(c);
        info.id = QStringLiteral("bench-%1").arg(c);
        writeFile(dir + QStringLiteral("/collection.yaml"), collectionToYaml(info));
        Environment env;
        env.name = QStringLiteral("Local");
        env.variables
            = {{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:8080"), true, false}};
        writeFile(dir + QStringLiteral("/environments/local.yaml"), environmentToYaml(env));
    }
    for (int f = 0; f < folders; ++f) {
        const QString dir
            = root + QStringLiteral("/collection-%1/folder-%2").arg(f % collections).arg(f);
        QDir().mkpath(dir);
        FolderInfo info;
        info.name = QStringLiteral("Folder %1").arg(f);
        info.order = (f + 1) * 1000;
        writeFile(dir + QStringLiteral("/folder.yaml"), folderToYaml(info));
        folderDirs << dir;
    }
    for (int i = 0; i < count; ++i) {
        const QByteArray yaml = requestToYaml(sampleRequest(i));
        bytes += yaml.size();
        writeFile(folderDirs.at(i % folders) + QStringLiteral("/request-%1.yaml").arg(i), yaml);
    }
    return bytes;
}

} // namespace Patchbay::Bench
