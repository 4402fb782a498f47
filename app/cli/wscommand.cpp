#include "app/cli/commands.h"
#include "app/cli/streamoutput.h"

#include "app/cli/cliauth.h"
#include "app/cli/networkoptions.h"
#include "core/auth/digestsession.h"
#include "core/auth/oauth2call.h"
#include "core/auth/tokenstore.h"
#include "core/http/httpclient.h"
#include "core/network/networkcontext.h"
#include "core/network/networkprofile.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"
#include "core/websocket/websocketsession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

using namespace Patchbay::Core;

namespace {

enum ExitCode { ExitOk = 0, ExitTooFew = 1, ExitUsage = 2, ExitTransport = 3 };

struct Outgoing
{
    bool binary = false;
    QByteArray data;
};

} // namespace

int Patchbay::Cli::runWs(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Connects to a WebSocket server (ws:// or wss://), sends the --send and --binary\n"
        "messages in order, and prints every message sent and received as one JSON line:\n"
        "{\"direction\", \"time\", \"type\": \"text\"|\"binary\", \"size\", \"data\"|\"base64\"}.\n"
        "It ends when --expect messages arrived, at --timeout, or when the server closes.\n\n"
        "Exit status: 0 when it ended as asked, 1 when fewer than --expect messages came,\n"
        "3 when the connection failed, 2 for a usage error."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("ws:// or wss:// URL"));
    const QCommandLineOption sendOption(
        QStringLiteral("send"),
        QStringLiteral("A text message to send, or @file (repeatable, in order)."),
        QStringLiteral("MSG"));
    const QCommandLineOption binaryOption(
        QStringLiteral("binary"),
        QStringLiteral("A binary message in hex (\"00 ff 10\"), or @file for a file's bytes "
                       "(repeatable; --send and --binary go out in command-line order)."),
        QStringLiteral("HEX"));
    const QCommandLineOption expectOption(QStringLiteral("expect"),
                                          QStringLiteral("Close after N received messages."),
                                          QStringLiteral("N"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("End after MS milliseconds in all (default 10000, 0 = no limit)."),
        QStringLiteral("MS"), QStringLiteral("10000"));
    const QCommandLineOption headerOption({QStringLiteral("H"), QStringLiteral("header")},
                                          QStringLiteral("Add a handshake header (repeatable)."),
                                          QStringLiteral("'Name: value'"));
    const QCommandLineOption subprotocolOption(
        QStringLiteral("subprotocol"),
        QStringLiteral("Offer a subprotocol (repeatable, in order of preference)."),
        QStringLiteral("NAME"));
    const QCommandLineOption insecureOption(
        {QStringLiteral("k"), QStringLiteral("insecure")},
        QStringLiteral("Do not verify the server's TLS certificate."));
    const QCommandLineOption authOption(
        QStringLiteral("auth"),
        QStringLiteral("Authenticate the handshake as PATH does: a request file, folder or "
                       "collection of a workspace, with the auth it has or inherits, its "
                       "variables and keyring secrets (every auth mode: an OAuth 2.0 token comes "
                       "from the keyring or its grant, Digest answers the challenge of a plain "
                       "GET of the URL)."),
        QStringLiteral("PATH"));
    const QCommandLineOption envOption(
        {QStringLiteral("e"), QStringLiteral("env")},
        QStringLiteral("With --auth: the collection's environment that resolves {{variables}}."),
        QStringLiteral("NAME"));
    parser.addOptions({sendOption, binaryOption, expectOption, timeoutOption, headerOption,
                       subprotocolOption, insecureOption, authOption, envOption});
    // The handshake goes through the same proxy and TLS settings as `send` (curl's options;
    // the cookie options are accepted but a handshake sends no cookie jar).
    const Cli::NetworkOptions networkOptions;
    parser.addOptions(networkOptions.options());
    parser.addOptions(authCommandLineOptions());

    QTextStream err(stderr);
    if (!parser.parse(args)) {
        err << "patchbay-cli ws: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        err << "patchbay-cli ws: expected one URL, e.g.\n"
               "  patchbay-cli ws ws://127.0.0.1:8080/echo --send hello --expect 1\n";
        return ExitUsage;
    }

    Request request;
    request.kind = RequestKind::WebSocket;
    request.url = parser.positionalArguments().first();
    for (const QString &header : parser.values(headerOption)) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0) {
            err << "patchbay-cli ws: header '" << header << "' is not of the form 'Name: value'\n";
            return ExitUsage;
        }
        request.headers.append({header.left(colon).trimmed(), header.mid(colon + 1).trimmed()});
    }
    request.websocket.subprotocols = parser.values(subprotocolOption);
    request.settings.verifyTls = !parser.isSet(insecureOption);

    // --send and --binary keep their command-line order.
    QList<Outgoing> outgoing;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const bool text
            = arg == QLatin1String("--send") || arg.startsWith(QLatin1String("--send="));
        const bool binary
            = arg == QLatin1String("--binary") || arg.startsWith(QLatin1String("--binary="));
        if (!text && !binary)
            continue;
        QString value = arg.contains(u'=') ? arg.mid(arg.indexOf(u'=') + 1)
                                           : (i + 1 < args.size() ? args.at(++i) : QString());
        Outgoing message;
        message.binary = binary;
        if (value.startsWith(u'@')) {
            QFile file(value.mid(1));
            if (!file.open(QIODevice::ReadOnly)) {
                err << "patchbay-cli ws: cannot read " << value.mid(1) << ": " << file.errorString()
                    << '\n';
                return ExitUsage;
            }
            message.data = file.readAll();
        } else if (binary) {
            if (!decodeHexPayload(value, &message.data)) {
                err << "patchbay-cli ws: --binary expects hex digits (\"00 ff 10\") or @file\n";
                return ExitUsage;
            }
        } else {
            message.data = value.toUtf8();
        }
        outgoing.append(message);
    }

    qint64 expect = -1;
    if (parser.isSet(expectOption)) {
        bool ok = false;
        expect = parser.value(expectOption).toLongLong(&ok);
        if (!ok || expect < 0) {
            err << "patchbay-cli ws: --expect expects a number of messages\n";
            return ExitUsage;
        }
    }
    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeoutOption).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs < 0) {
        err << "patchbay-cli ws: --timeout expects milliseconds, e.g. --timeout 5000\n";
        return ExitUsage;
    }
    request.settings.timeoutMs = timeoutMs;

    SecretStore secretStore;
    SecretCache secrets(&secretStore);
    QString collectionId; // the OAuth 2.0 tokens' collection
    if (parser.isSet(authOption)) {
        QString error;
        if (!authFrom(QStringLiteral("ws"), parser.value(authOption), parser.value(envOption),
                      secrets, &request.auth, &collectionId, &error)) {
            err << "patchbay-cli ws: " << error << '\n';
            return ExitUsage;
        }
    } else if (parser.isSet(envOption)) {
        err << "patchbay-cli ws: --env needs --auth PATH\n";
        return ExitUsage;
    }

    // Proxies, CAs and client certificates as curl takes them; no workspace here.
    Result<NetworkProfile> loaded = networkOptions.standaloneProfile(parser);
    if (!loaded.ok()) {
        err << "patchbay-cli ws: " << loaded.error().message << '\n';
        return ExitUsage;
    }
    NetworkProfile profile = std::move(loaded).value();
    const Result<WebSocketNetwork> network = webSocketNetwork(profile, request);
    if (!network) {
        err << "patchbay-cli ws: " << network.error().message << '\n';
        return ExitUsage;
    }

    Cli::AuthOptions authOptions;
    if (QString error; !readAuthOptions(parser, &authOptions, &error)) {
        err << "patchbay-cli ws: " << error << '\n';
        return ExitUsage;
    }

    // OAuth 2.0 and Digest fetch a token or a challenge over HTTP first, through the same
    // network settings (core/websocket/handshakeauth.h).
    QNetworkAccessManager transport;
    HttpClient client(&transport);
    client.networkContext()->setProfile(std::make_shared<const NetworkProfile>(profile));
    TokenStore tokens(&secretStore);
    DigestSession digest;
    bool usedOAuth2 = false;
    AuthCall::Context context {&client, {}, &digest};
    context.oauth2 = [&](const Request &resolved) {
        usedOAuth2 = true;
        auto call = std::make_unique<OAuth2Call>(resolved, collectionId,
                                                 oauth2Services(&client, &tokens, authOptions));
        printAuthProgress(call.get(), QStringLiteral("ws"));
        return call;
    };

    WebSocketSession session(request, network.value());
    session.setAuthContext(context);
    session.setMaxLogEntries(1); // printed, not kept
    qint64 received = 0;
    bool everOpened = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(
        &session, &WebSocketSession::logged, &session, [&](const WebSocketEntry &entry) {
            switch (entry.kind) {
            case WebSocketEntry::Kind::Text:
            case WebSocketEntry::Kind::Binary:
                printMessage(entry, stdout);
                break;
            case WebSocketEntry::Kind::Opened:
                err << "(connected"
                    << (entry.detail.isEmpty() ? QString()
                                               : QStringLiteral(", subprotocol ") + entry.detail)
                    << ")\n";
                break;
            case WebSocketEntry::Kind::Closed:
                err << "(closed " << entry.closeCode << ": " << entry.detail << ")\n";
                break;
            case WebSocketEntry::Kind::Error:
                err << "patchbay-cli ws: " << entry.detail << '\n';
                break;
            default:
                break;
            }
            err.flush();
        });
    QObject::connect(&session, &WebSocketSession::opened, &session, [&] {
        everOpened = true;
        for (const Outgoing &message : std::as_const(outgoing)) {
            if (message.binary)
                session.sendBinary(message.data);
            else
                session.sendText(QString::fromUtf8(message.data));
        }
        if (expect == 0)
            session.close();
    });
    QObject::connect(&session, &WebSocketSession::messageReceived, &session, [&] {
        if (expect > 0 && ++received == expect)
            session.close();
    });
    QObject::connect(&session, &WebSocketSession::closed, &session,
                     [] { QCoreApplication::exit(0); });
    QObject::connect(&deadline, &QTimer::timeout, &session, [&] {
        if (session.isOpen())
            session.close(1000, QStringLiteral("patchbay-cli: --timeout"));
        else
            session.abort();
        // A server that never answers the close handshake still ends the command.
        QTimer::singleShot(3000, &session, [] { QCoreApplication::exit(0); });
    });
    if (timeoutMs > 0)
        deadline.start(timeoutMs);
    session.open();
    QCoreApplication::exec();
    if (usedOAuth2)
        noteTokenKeyring(secretStore, QStringLiteral("ws"));

    // An error before the handshake succeeded (a refused first try that a renewed token then
    // passed) is not a failure: only never connecting is.
    if (!everOpened)
        return ExitTransport;
    if (expect > 0 && received < expect) {
        err << "patchbay-cli ws: " << received << " of the " << expect
            << " expected messages arrived\n";
        return ExitTooFew;
    }
    return ExitOk;
}
