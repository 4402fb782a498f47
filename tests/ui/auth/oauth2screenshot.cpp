// Makes docs/screenshot-oauth2.png (scripts/screenshot runs it under Xvfb, inside a private
// keyring session): the real window over a throwaway workspace whose request uses OAuth 2.0
// (authorization code with PKCE), with a token in the keyring, the Auth tab open. Not a test.
#include "core/auth/tokenstore.h"
#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/auth/autheditor.h"
#include "ui/auth/authservices.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QScrollArea>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace Patchbay;

namespace {

QString jwt(const QByteArray &payload)
{
    const auto part = [](const QByteArray &json) {
        return QString::fromLatin1(
            json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"2024-09\"}") + u'.' + part(payload)
        + QStringLiteral(".Q3x0kRm4bS9LwWb2yC7pXn5fTq8aJd1uHe6gVz0rMoYi3sNc");
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Patchbay"));
    QApplication::setOrganizationName(QStringLiteral("Patchbay"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: oauth2screenshot OUT.png\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);

    QTemporaryDir dir;
    Core::Workspace workspace = Core::Workspace::open(dir.path()).value();
    const QString collection = *workspace.createCollection(QStringLiteral("Acme API"));
    Core::SavedRequest saved;
    saved.name = QStringLiteral("My profile");
    saved.request.url = QStringLiteral("https://api.acme.example/v2/me");
    Core::Auth &auth = saved.request.auth;
    auth.mode = Core::AuthMode::OAuth2;
    auth.oauth2.grant = Core::OAuth2Grant::AuthorizationCode;
    auth.oauth2.discoveryUrl = QStringLiteral("https://login.acme.example");
    auth.oauth2.clientId = QStringLiteral("patchbay-desktop");
    auth.oauth2.scope = QStringLiteral("openid profile orders:read");
    const QString path = *workspace.createRequest(collection, saved);

    QNetworkAccessManager network;
    Core::HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
    Ui::MainWindow window(&network, &history, &workspace);
    window.resize(1500, 940);
    window.show();
    window.openSavedRequest(path, workspace.item(path)->request);

    // The token the keyring holds for this collection and configuration.
    const Core::ResolvedAuth resolved = window.authServices()->resolve(path, auth);
    Core::OAuth2Token token;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    token.accessToken = jwt(QStringLiteral("{\"iss\":\"https://login.acme.example\",\"sub\":"
                                           "\"ada.lovelace\",\"aud\":\"https://api.acme.example\","
                                           "\"scope\":\"openid profile orders:read\",\"iat\":%1,"
                                           "\"exp\":%2,\"azp\":\"patchbay-desktop\"}")
                                .arg(now - 600)
                                .arg(now + 3000)
                                .toUtf8());
    token.tokenType = QStringLiteral("Bearer");
    token.scope = QStringLiteral("openid profile orders:read");
    token.refreshToken = QStringLiteral("rt-8f2c1d");
    token.idToken = QStringLiteral("id");
    token.obtainedAt = QDateTime::fromSecsSinceEpoch(now - 600, Qt::UTC);
    token.expiresAt = QDateTime::fromSecsSinceEpoch(now + 3000, Qt::UTC);
    window.authServices()->tokens()->store(
        Core::TokenStore::keyFor(resolved.collectionId, resolved.auth.oauth2), token);

    Ui::RequestTab *tab = window.currentTab();
    tab->editor()->findChild<QTabWidget *>(QStringLiteral("requestTabs"))->setCurrentIndex(3);
    QTimer::singleShot(1500, &window, [&window, tab, out] {
        // Scroll so that the token panel shows under the settings.
        if (auto *scroll = tab->editor()->findChild<QScrollArea *>(QStringLiteral("oauth2Page")))
            scroll->ensureWidgetVisible(
                scroll->widget()->findChild<QWidget *>(QStringLiteral("oauth2TokenPanel")), 0, 0);
        QTimer::singleShot(500, &window, [&window, out] {
            const bool ok = window.grab().save(out);
            std::fprintf(stderr, ok ? "saved %s\n" : "could not save %s\n", qPrintable(out));
            QApplication::exit(ok ? 0 : 1);
        });
    });
    return app.exec();
}
