#pragma once

#include "core/collections/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// A small workspace made with the Workspace API in a temporary directory:
//   Alpha: broken (a file that fails to parse), Get users (GET), Create user (POST),
//          Admin/ [Delete user (DELETE)]
//   Beta:  Ping (GET)
struct WorkspaceFixture
{
    QTemporaryDir dir;
    Patchbay::Core::Workspace workspace;
    QString alpha;
    QString beta;
    QString admin;

    static Patchbay::Core::SavedRequest request(const QString &name, const QString &method,
                                                const QString &url)
    {
        Patchbay::Core::SavedRequest saved;
        saved.name = name;
        saved.request.method = method;
        saved.request.url = url;
        return saved;
    }

    // False (with a QTest failure message) when the fixture could not be made.
    bool create(bool withProblem = true)
    {
        using namespace Patchbay::Core;
        if (!dir.isValid())
            return false;
        Result<Workspace> opened = Workspace::open(dir.path());
        if (!opened.ok())
            return false;
        Workspace ws = std::move(opened).value();
        alpha = *ws.createCollection(QStringLiteral("Alpha"));
        beta = *ws.createCollection(QStringLiteral("Beta"));
        if (!ws.createRequest(alpha,
                              request(QStringLiteral("Get users"), QStringLiteral("GET"),
                                      QStringLiteral("https://api.example.com/users")))
                 .ok())
            return false;
        if (!ws.createRequest(alpha,
                              request(QStringLiteral("Create user"), QStringLiteral("POST"),
                                      QStringLiteral("https://api.example.com/users")))
                 .ok())
            return false;
        admin = *ws.createFolder(alpha, QStringLiteral("Admin"));
        if (!ws.createRequest(admin,
                              request(QStringLiteral("Delete user"), QStringLiteral("DELETE"),
                                      QStringLiteral("https://api.example.com/users/7")))
                 .ok())
            return false;
        if (!ws.createRequest(beta,
                              request(QStringLiteral("Ping"), QStringLiteral("GET"),
                                      QStringLiteral("https://status.example.org/ping")))
                 .ok())
            return false;
        if (withProblem) {
            QFile broken(alpha + QStringLiteral("/broken.yaml"));
            if (!broken.open(QIODevice::WriteOnly))
                return false;
            broken.write("patchbay: 1\nname: [unclosed\nurl: x\n");
        }
        // Reopened from disk, as the application would.
        opened = Workspace::open(dir.path());
        if (!opened.ok())
            return false;
        workspace = std::move(opened).value();
        return true;
    }
};

// A workspace with one big collection, made with the Workspace API in a temporary directory:
//   Big: Folder 0 .. Folder 7, each with 250 requests (2,000 in all);
//        Folder 0/Deep/Deeper/Needle (GET https://needle.example/unique-deep-request)
struct LargeWorkspaceFixture
{
    static constexpr int kFolders = 8;
    static constexpr int kRequestsPerFolder = 250;

    QTemporaryDir dir;
    Patchbay::Core::Workspace workspace;
    QString big;
    QStringList folders;
    QString deep;
    QString deeper;
    QString needle;

    bool create()
    {
        using namespace Patchbay::Core;
        if (!dir.isValid())
            return false;
        Result<Workspace> opened = Workspace::open(dir.path());
        if (!opened.ok())
            return false;
        Workspace ws = std::move(opened).value();
        ws.setExclusive(true); // nobody else writes in the temporary folder: no listing per file
        big = *ws.createCollection(QStringLiteral("Big"));
        for (int f = 0; f < kFolders; ++f) {
            const Result<QString> folder = ws.createFolder(big, QStringLiteral("Folder %1").arg(f));
            if (!folder.ok())
                return false;
            folders.append(*folder);
            for (int r = 0; r < kRequestsPerFolder; ++r) {
                const auto saved = WorkspaceFixture::request(
                    QStringLiteral("Request %1.%2").arg(f).arg(r), QStringLiteral("GET"),
                    QStringLiteral("https://api.example.com/f%1/r%2").arg(f).arg(r));
                if (!ws.createRequest(*folder, saved).ok())
                    return false;
            }
        }
        deep = *ws.createFolder(folders.first(), QStringLiteral("Deep"));
        deeper = *ws.createFolder(deep, QStringLiteral("Deeper"));
        const Result<QString> created
            = ws.createRequest(deeper,
                               WorkspaceFixture::request(
                                   QStringLiteral("Needle"), QStringLiteral("GET"),
                                   QStringLiteral("https://needle.example/unique-deep-request")));
        if (!created.ok())
            return false;
        needle = *created;
        opened = Workspace::open(dir.path());
        if (!opened.ok())
            return false;
        workspace = std::move(opened).value();
        return true;
    }
};
