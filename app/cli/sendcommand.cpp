#include "app/cli/cliauth.h"
#include "app/cli/commands.h"

#include "app/cli/networkoptions.h"
#include "app/cli/streamoutput.h"
#include "core/auth/authcall.h"
#include "core/auth/oauth2call.h"
#include "core/auth/tokenstore.h"
#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/common/terminaltext.h"
#include "core/cookies/cookiefiles.h"
#include "core/cookies/cookiejar.h"
#include "core/graphql/graphqlhttp.h"
#include "core/graphql/graphqlsubscription.h"
#include "core/http/httpclient.h"
#include "core/json/jsonformatter.h"
#include "core/network/networkcontext.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"
#include "core/sse/eventstreamsession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Patchbay::Core;

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 2, ExitTransport = 3, ExitHttpFailure = 4 };

// Ctrl+C, SIGTERM or SIGHUP: the command stops what it does, lets the response (and its
// temporary body file) go, and exits with 128 + the signal. The default action would kill the
// process on the spot and leave a body of any size in the temporary folder.
volatile std::sig_atomic_t g_stopSignal = 0;

extern "C" void onStopSignal(int signal)
{
    g_stopSignal = signal;
}

void installStopHandlers()
{
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a write blocked on a full pipe returns at once
    for (const int signal : {SIGINT, SIGTERM, SIGHUP})
        sigaction(signal, &action, nullptr);
    // A closed pipe (send ... | head) is an EPIPE error to stop at, not a silent death.
    std::signal(SIGPIPE, SIG_IGN);
}

// Writes everything unless a stop signal arrives or the reader went away.
bool writeAll(FILE *out, QByteArrayView bytes)
{
    qsizetype done = 0;
    while (done < bytes.size() && g_stopSignal == 0) {
        const size_t n = fwrite(bytes.data() + done, 1, size_t(bytes.size() - done), out);
        done += qsizetype(n);
        if (done < bytes.size()) {
            if (errno != EINTR)
                return false; // EPIPE and other errors
            clearerr(out);
        }
    }
    return done == bytes.size();
}

// "500", "64k", "10M", "2G" (powers of 1024) -> bytes; -1 when it is none of these.
qint64 parseByteSize(QString text)
{
    text = text.trimmed();
    qint64 factor = 1;
    if (!text.isEmpty()) {
        switch (text.back().toUpper().unicode()) {
        case u'K':
            factor = 1024;
            break;
        case u'M':
            factor = 1024 * 1024;
            break;
        case u'G':
            factor = 1024LL * 1024 * 1024;
            break;
        default:
            break;
        }
        if (factor > 1)
            text.chop(1);
    }
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value * double(factor) > 9e18)
        return -1;
    return qint64(value * double(factor));
}

// Reads "@path" as the content of a file, anything else as itself.
bool readArgument(const QString &arg, QString *out, QString *error)
{
    if (!arg.startsWith(u'@')) {
        *out = arg;
        return true;
    }
    const QString path = arg.mid(1);
    QFile file(path);
    if (path == QLatin1String("-") ? !file.open(stdin, QIODevice::ReadOnly)
                                   : !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *out = QString::fromUtf8(file.readAll());
    return true;
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json");
}

bool looksBinary(const QByteArray &head)
{
    return head.contains('\0');
}

// Writes the body to stdout, pretty-printing JSON as it streams so that huge bodies never sit
// in memory twice. On a terminal, control characters the server sent are shown, not obeyed.
// False when it stopped early (a signal, or the reader went away).
bool writeBody(const Response &response, FILE *out, QTextStream &err)
{
    std::unique_ptr<QIODevice> device = response.body.open();
    if (!device)
        return true;
    const bool json = isJsonContentType(response.header("Content-Type"));
    const bool terminal = isatty(fileno(out));
    JsonFormatter formatter;
    TerminalTextFilter filter;
    QByteArray formatted;
    bool endsWithNewline = true;
    while (!device->atEnd() && g_stopSignal == 0) {
        const QByteArray chunk = device->read(1 << 20);
        if (chunk.isEmpty())
            break;
        QByteArray text = chunk;
        if (json) {
            formatted.clear();
            formatter.feed(chunk, formatted);
            text = formatted;
        }
        if (text.isEmpty())
            continue;
        endsWithNewline = text.endsWith('\n');
        if (!writeAll(out, terminal ? filter.feed(text) : text))
            return false;
    }
    if (g_stopSignal != 0 || (terminal && !writeAll(out, filter.finish())))
        return false;
    if (!endsWithNewline && (terminal || json))
        fputc('\n', out);
    if (json && formatter.isFlattened()) {
        err << "(nesting deeper than " << formatter.maxIndentDepth()
            << " levels is printed on one line)\n";
    }
    return true;
}

// -v: the TLS session as the TLS tab shows it.
void printTls(const TlsInfo &tls, QTextStream &err)
{
    if (tls.isEmpty())
        return;
    err << "* " << tls.protocol << ", " << tls.cipher;
    if (!tls.alpn.isEmpty())
        err << ", ALPN " << tls.alpn;
    err << '\n';
    if (!tls.verified)
        err << "* WARNING: the server's certificate was not verified: " << tls.notVerifiedReason
            << '\n';
    if (!tls.clientCertificate.isEmpty())
        err << "* client certificate: " << tls.clientCertificate << '\n';
    for (const CertificateInfo &c : tls.peerChain) {
        err << "* certificate: " << c.subject << "\n*   issuer: " << c.issuer
            << "\n*   valid: " << c.notBefore.toString(Qt::ISODate) << " to "
            << c.notAfter.toString(Qt::ISODate) << "\n*   SHA-256: " << c.sha256 << '\n';
        if (!c.alternativeNames.isEmpty())
            err << "*   names: " << c.alternativeNames.join(QStringLiteral(", ")) << '\n';
    }
}

} // namespace

int Patchbay::Cli::runSend(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sends one HTTP request and prints the status line, the body (JSON pretty-printed with\n"
        "key order and numbers kept) and, with -i, the response headers.\n"
        "A text/event-stream response (Server-Sent Events) is printed event by event as it\n"
        "arrives, until the server ends it, --max-events, or --timeout. So is a GraphQL\n"
        "subscription (--graphql), over WebSocket.\n\n"
        "Exit status: 0 for any HTTP response, 3 for a transport error (nothing or not all\n"
        "received) or when no OAuth 2.0 token could be had, 4 with --fail for a 4xx/5xx\n"
        "status, 2 for a usage error.\n\n"
        "With --auth, the request authenticates as a saved request, folder or collection does\n"
        "(OAuth 2.0 included: the token comes from the keyring, or a grant runs; the device\n"
        "flow prints its code here, the browser flow opens the browser or, with --no-browser,\n"
        "prints the address)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("METHOD"),
                                 QStringLiteral("GET, POST, PUT, PATCH, DELETE, ... or any verb"));
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("http:// or https:// URL"));
    const QCommandLineOption headerOption({QStringLiteral("H"), QStringLiteral("header")},
                                          QStringLiteral("Add a header (repeatable)."),
                                          QStringLiteral("'Name: value'"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QStringLiteral("JSON body, or @file (@- for stdin); Content-Type application/json."),
        QStringLiteral("BODY"));
    const QCommandLineOption dataOption(
        {QStringLiteral("d"), QStringLiteral("data")},
        QStringLiteral("Raw body, or @file; Content-Type application/x-www-form-urlencoded "
                       "unless -H sets one (as curl does)."),
        QStringLiteral("BODY"));
    const QCommandLineOption graphqlOption(
        QStringLiteral("graphql"),
        QStringLiteral("GraphQL document, or @file: sent as GraphQL over HTTP (a POST of JSON, "
                       "or query parameters with GET). A subscription goes over WebSocket "
                       "(graphql-transport-ws) and prints each result as an event."),
        QStringLiteral("QUERY"));
    const QCommandLineOption variablesOption(
        QStringLiteral("variables"),
        QStringLiteral("With --graphql: the variables, a JSON object "
                       "or @file."),
        QStringLiteral("JSON"));
    const QCommandLineOption operationOption(
        QStringLiteral("operation"),
        QStringLiteral("With --graphql: the operation to run when the document has several."),
        QStringLiteral("NAME"));
    const QCommandLineOption formOption(
        {QStringLiteral("F"), QStringLiteral("form")},
        QStringLiteral("Multipart field k=v, or k=@file to upload a file (repeatable)."),
        QStringLiteral("k=v"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("Give up after S seconds without progress (default 30, 0 = never). For an "
                       "event stream, given explicitly: also stop listening after S seconds."),
        QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption maxTimeOption(
        QStringLiteral("max-time"),
        QStringLiteral("Give up after S seconds in total, however steadily bytes arrive "
                       "(default: no limit)."),
        QStringLiteral("S"));
    const QCommandLineOption maxBodyOption(
        QStringLiteral("max-body-size"),
        QStringLiteral("Stop a response body larger than SIZE bytes (k, M, G suffixes; default "
                       "4G, 0 = no limit)."),
        QStringLiteral("SIZE"));
    const QCommandLineOption noRedirectsOption(QStringLiteral("no-redirects"),
                                               QStringLiteral("Do not follow redirects."));
    const QCommandLineOption insecureOption(
        {QStringLiteral("k"), QStringLiteral("insecure")},
        QStringLiteral("Do not verify the server's TLS certificate."));
    const QCommandLineOption includeOption({QStringLiteral("i"), QStringLiteral("include")},
                                           QStringLiteral("Print the response headers."));
    const QCommandLineOption failOption(QStringLiteral("fail"),
                                        QStringLiteral("Exit with 4 on a 4xx or 5xx status."));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Write the raw body to FILE."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption verboseOption({QStringLiteral("v"), QStringLiteral("verbose")},
                                           QStringLiteral("Print redirects and timing to stderr."));
    const QCommandLineOption authOption(
        QStringLiteral("auth"),
        QStringLiteral("Authenticate as PATH does: a request file, folder or collection of a "
                       "workspace, with the auth it has or inherits, its variables, keyring "
                       "secrets and OAuth 2.0 tokens (the same as the window's)."),
        QStringLiteral("PATH"));
    const QCommandLineOption envOption(
        {QStringLiteral("e"), QStringLiteral("env")},
        QStringLiteral("With --auth: the collection's environment that resolves {{variables}}."),
        QStringLiteral("NAME"));
    // --json already means a JSON body, hence --jsonl for JSON lines.
    const QCommandLineOption jsonLinesOption(
        QStringLiteral("jsonl"),
        QStringLiteral("Event streams: print each event as one JSON line {time, id, event, "
                       "data}."));
    const QCommandLineOption maxEventsOption(QStringLiteral("max-events"),
                                             QStringLiteral("Event streams: stop after N events."),
                                             QStringLiteral("N"));
    const QCommandLineOption reconnectOption(
        QStringLiteral("reconnect"),
        QStringLiteral("Event streams: reconnect when the stream ends or drops, sending "
                       "Last-Event-ID (at most 100 times)."));
    parser.addOptions({graphqlOption, variablesOption, operationOption});
    parser.addOptions({headerOption, jsonOption, dataOption, formOption, timeoutOption,
                       maxTimeOption, maxBodyOption, noRedirectsOption, insecureOption,
                       includeOption, failOption, outputOption, verboseOption, authOption,
                       envOption, jsonLinesOption, maxEventsOption, reconnectOption});
    const Cli::NetworkOptions networkOptions;
    parser.addOptions(networkOptions.options());
    parser.addOptions(Patchbay::Cli::authCommandLineOptions());

    QTextStream err(stderr);
    if (!parser.parse(args)) {
        err << "patchbay-cli send: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        err << "patchbay-cli send: expected METHOD and URL, e.g.\n"
               "  patchbay-cli send GET http://127.0.0.1:8080/users/1\n";
        return ExitUsage;
    }

    Request request;
    request.method = positional.at(0).toUpper();
    request.url = positional.at(1);

    for (const QString &header : parser.values(headerOption)) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0) {
            err << "patchbay-cli send: header '" << header
                << "' is not of the form 'Name: value'\n";
            return ExitUsage;
        }
        request.headers.append({header.left(colon).trimmed(), header.mid(colon + 1).trimmed()});
    }

    const int bodyOptions = int(parser.isSet(jsonOption)) + int(parser.isSet(dataOption))
        + int(parser.isSet(formOption)) + int(parser.isSet(graphqlOption));
    if (bodyOptions > 1) {
        err << "patchbay-cli send: use only one of --json, --data, --form and --graphql\n";
        return ExitUsage;
    }
    if (!parser.isSet(graphqlOption)
        && (parser.isSet(variablesOption) || parser.isSet(operationOption))) {
        err << "patchbay-cli send: --variables and --operation go with --graphql\n";
        return ExitUsage;
    }
    QString error;
    if (parser.isSet(graphqlOption)) {
        request.body.mode = BodyMode::GraphQl;
        GraphQlBody &graphql = request.body.graphql;
        if (!readArgument(parser.value(graphqlOption), &graphql.query, &error)
            || (parser.isSet(variablesOption)
                && !readArgument(parser.value(variablesOption), &graphql.variables, &error))) {
            err << "patchbay-cli send: " << error << '\n';
            return ExitUsage;
        }
        if (const QString problem = graphQlVariablesProblem(graphql.variables);
            !problem.isEmpty()) {
            err << "patchbay-cli send: --variables: " << problem << '\n';
            return ExitUsage;
        }
        graphql.operationName = parser.value(operationOption);
    } else if (parser.isSet(jsonOption)) {
        request.body.mode = BodyMode::Json;
        if (!readArgument(parser.value(jsonOption), &request.body.text, &error)) {
            err << "patchbay-cli send: " << error << '\n';
            return ExitUsage;
        }
    } else if (parser.isSet(dataOption)) {
        request.body.mode = BodyMode::Text;
        request.body.contentType = QStringLiteral("application/x-www-form-urlencoded");
        if (!readArgument(parser.value(dataOption), &request.body.text, &error)) {
            err << "patchbay-cli send: " << error << '\n';
            return ExitUsage;
        }
    } else if (parser.isSet(formOption)) {
        request.body.mode = BodyMode::Multipart;
        for (const QString &field : parser.values(formOption)) {
            const qsizetype eq = field.indexOf(u'=');
            if (eq <= 0) {
                err << "patchbay-cli send: form field '" << field << "' is not k=v or k=@file\n";
                return ExitUsage;
            }
            MultipartField part;
            part.name = field.left(eq);
            part.value = field.mid(eq + 1);
            if (part.value.startsWith(u'@')) {
                part.isFile = true;
                part.value = part.value.mid(1);
            }
            request.body.multipartFields.append(part);
        }
    }

    bool timeoutOk = false;
    const double timeoutSeconds = parser.value(timeoutOption).toDouble(&timeoutOk);
    if (!timeoutOk || timeoutSeconds < 0) {
        err << "patchbay-cli send: --timeout expects seconds, e.g. --timeout 2.5\n";
        return ExitUsage;
    }
    request.settings.timeoutMs = int(timeoutSeconds * 1000);
    if (parser.isSet(maxTimeOption)) {
        bool ok = false;
        const double seconds = parser.value(maxTimeOption).toDouble(&ok);
        if (!ok || seconds < 0 || seconds > 1e6) {
            err << "patchbay-cli send: --max-time expects seconds, e.g. --max-time 10\n";
            return ExitUsage;
        }
        request.settings.maxTimeMs = int(seconds * 1000);
    }
    if (parser.isSet(maxBodyOption)) {
        const qint64 bytes = parseByteSize(parser.value(maxBodyOption));
        if (bytes < 0) {
            err << "patchbay-cli send: --max-body-size expects a size, e.g. 500M\n";
            return ExitUsage;
        }
        request.settings.maxBodyBytes = bytes;
    }
    request.settings.followRedirects = !parser.isSet(noRedirectsOption);
    request.settings.verifyTls = !parser.isSet(insecureOption);
    request.settings.http1Only = networkOptions.http1Only(parser);
    qint64 maxEvents = -1;
    if (parser.isSet(maxEventsOption)) {
        bool ok = false;
        maxEvents = parser.value(maxEventsOption).toLongLong(&ok);
        if (!ok || maxEvents < 1) {
            err << "patchbay-cli send: --max-events expects a positive number\n";
            return ExitUsage;
        }
    }

    // Proxies, CAs and client certificates as curl takes them; no workspace here.
    Result<NetworkProfile> loaded = networkOptions.standaloneProfile(parser);
    if (!loaded.ok()) {
        err << "patchbay-cli send: " << loaded.error().message << '\n';
        return ExitUsage;
    }
    NetworkProfile profile = std::move(loaded).value();
    const Result<CookieList> cookies = networkOptions.cookies(parser, QUrl(request.url).host());
    if (!cookies.ok()) {
        err << "patchbay-cli send: " << cookies.error().message << '\n';
        return ExitUsage;
    }

    Patchbay::Cli::AuthOptions authOptions;
    if (!Patchbay::Cli::readAuthOptions(parser, &authOptions, &error)) {
        err << "patchbay-cli send: " << error << '\n';
        return ExitUsage;
    }
    SecretStore secretStore;
    SecretCache secrets(&secretStore);
    QString collectionId;
    if (parser.isSet(authOption)
        && !Patchbay::Cli::authFrom(QStringLiteral("send"), parser.value(authOption),
                                    parser.value(envOption), secrets, &request.auth, &collectionId,
                                    &error)) {
        err << "patchbay-cli send: " << error << '\n';
        return ExitUsage;
    }
    if (!parser.isSet(authOption) && parser.isSet(envOption)) {
        err << "patchbay-cli send: --env needs --auth PATH\n";
        return ExitUsage;
    }

    installStopHandlers();
    QNetworkAccessManager network;
    HttpClient client(&network);
    client.networkContext()->setProfile(std::make_shared<const NetworkProfile>(profile));
    CookieJar *jar = client.cookieJar();
    jar->setCookies(cookies.value());
    Response response;
    const auto done = [&response](const Response &r) {
        response = r;
        QCoreApplication::exit(0);
    };
    TokenStore tokens(&secretStore);
    // One send path for every auth mode (core/auth/authcall.h), as the window's.
    bool usedOAuth2 = false;
    AuthCall::Context context {&client, {}, nullptr, true};
    context.oauth2 = [&](const Request &resolved) {
        usedOAuth2 = true;
        auto oauthCall = std::make_unique<OAuth2Call>(
            resolved, collectionId, Patchbay::Cli::oauth2Services(&client, &tokens, authOptions));
        Patchbay::Cli::printAuthProgress(oauthCall.get(), QStringLiteral("send"));
        return oauthCall;
    };
    if (isGraphQlSubscription(request)) {
        Patchbay::Cli::SubscriptionOutput output;
        output.jsonLines = parser.isSet(jsonLinesOption);
        output.maxEvents = maxEvents;
        output.timeoutMs = parser.isSet(timeoutOption) ? int(timeoutSeconds * 1000) : 0;
        output.stopRequested = [] { return g_stopSignal != 0; };
        const int status = Patchbay::Cli::streamSubscription(request, context, profile, output);
        if (usedOAuth2)
            Patchbay::Cli::noteTokenKeyring(secretStore, QStringLiteral("send"));
        return g_stopSignal != 0 ? 128 + int(g_stopSignal) : status;
    }
    std::unique_ptr<AuthCall> call = AuthCall::send(context, request);
    QObject::connect(call.get(), &AuthCall::finished, call.get(), done);
    // An event stream is printed as it arrives: the call goes to an EventStreamSession.
    std::unique_ptr<EventStreamSession> stream;
    bool streamEnded = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    AuthCall *first = call.get();
    QObject::connect(first, &AuthCall::headReceived, first, [&](const Response &head) {
        if (stream || head.statusCode != 200 || !isEventStream(head))
            return;
        QObject::disconnect(first, &AuthCall::finished, nullptr, nullptr);
        QString text = QStringLiteral("HTTP/%1 %2 %3\n")
                           .arg(head.httpVersion)
                           .arg(head.statusCode)
                           .arg(head.reason);
        if (parser.isSet(includeOption)) {
            for (const HttpHeader &h : head.headers)
                text += QString::fromLatin1(h.name) + QStringLiteral(": ")
                    + QString::fromLatin1(h.value) + u'\n';
        }
        const QByteArray bytes
            = (isatty(fileno(stdout)) ? neutralizeTerminalControls(text) : text).toUtf8() + '\n';
        writeAll(stdout, bytes);
        fflush(stdout);
        EventStreamOptions options;
        options.maxEvents = 1; // printed, not kept
        options.reconnect = parser.isSet(reconnectOption);
        stream = std::make_unique<EventStreamSession>(context, request, options);
        const bool jsonLines = parser.isSet(jsonLinesOption);
        QObject::connect(stream.get(), &EventStreamSession::eventReceived, stream.get(),
                         [&, jsonLines](const ServerSentEvent &event) {
                             Patchbay::Cli::printEvent(event, jsonLines, stdout);
                             if (maxEvents > 0 && event.sequence + 1 >= maxEvents)
                                 stream->stop();
                         });
        QObject::connect(stream.get(), &EventStreamSession::reconnecting, stream.get(),
                         [&err](int attempt, qint64 delayMs, const QString &lastEventId) {
                             err << "(stream ended; reconnecting in " << delayMs << " ms, attempt "
                                 << attempt << ", Last-Event-ID: "
                                 << (lastEventId.isEmpty() ? QStringLiteral("none") : lastEventId)
                                 << ")\n";
                             err.flush();
                         });
        QObject::connect(stream.get(), &EventStreamSession::finished, stream.get(),
                         [&](const Response &r, bool) {
                             response = r;
                             streamEnded = true;
                             QCoreApplication::exit(0);
                         });
        if (parser.isSet(timeoutOption) && timeoutSeconds > 0) {
            QObject::connect(&deadline, &QTimer::timeout, stream.get(),
                             [&stream] { stream->stop(); });
            deadline.start(int(timeoutSeconds * 1000));
        }
        stream->adopt(std::move(call), head);
    });
    // A signal handler may only set a flag: look at it from the event loop.
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, &stopWatch, [&call, &stream] {
        if (g_stopSignal == 0)
            return;
        if (stream)
            stream->stop();
        else if (call)
            call->cancel();
    });
    stopWatch.start(50);
    QCoreApplication::exec();
    stopWatch.stop();
    if (usedOAuth2)
        Patchbay::Cli::noteTokenKeyring(secretStore, QStringLiteral("send"));

    // As curl -c: the jar is written whatever the outcome.
    if (const QString jarPath = networkOptions.cookieJarPath(parser); !jarPath.isEmpty()) {
        if (const Status written = writeCookieFile(jarPath, jar->cookies()); !written.ok())
            err << "patchbay-cli send: " << written.error().message << '\n';
    }
    const auto stopped = [&] {
        err.flush();
        return 128 + int(g_stopSignal); // `response` and `call` take the body file with them
    };
    if (g_stopSignal != 0)
        return stopped();
    if (streamEnded) {
        if (response.isError()) {
            err << "patchbay-cli send: the event stream ended: " << response.errorMessage << '\n';
            return ExitTransport;
        }
        return ExitOk;
    }

    const bool verbose = parser.isSet(verboseOption);
    if (verbose) {
        if (!response.proxy.isEmpty())
            err << "* through the proxy " << response.proxy << '\n';
        printTls(response.tls, err);
        for (const RedirectHop &hop : response.redirects) {
            err << "< " << hop.statusCode << ' ' << hop.method << ' ' << hop.url.toString()
                << " -> " << hop.nextMethod << ' ' << hop.location.toString() << '\n';
            if (!hop.droppedHeaders.isEmpty())
                err << "  (dropped " << QString::fromLatin1(hop.droppedHeaders.join(", "))
                    << ": the redirect leaves the original origin)\n";
        }
    }
    if (response.isError()) {
        err << "patchbay-cli send: " << response.errorMessage << '\n';
        return ExitTransport;
    }

    // What the server chose is shown on a terminal, not obeyed (ESC[...), as is; piped, as is.
    const bool terminal = isatty(fileno(stdout));
    const auto shown = [terminal](const QString &text) {
        return terminal ? neutralizeTerminalControls(text) : text;
    };
    QString head = QStringLiteral("HTTP/") + shown(response.httpVersion) + u' '
        + QString::number(response.statusCode);
    if (!response.reason.isEmpty())
        head += u' ' + shown(response.reason);
    head += u'\n';
    if (parser.isSet(includeOption)) {
        for (const HttpHeader &h : response.headers)
            head += shown(QString::fromLatin1(h.name)) + QStringLiteral(": ")
                + shown(QString::fromLatin1(h.value)) + u'\n';
    }
    head += u'\n';
    if (!writeAll(stdout, head.toUtf8()) || fflush(stdout) != 0)
        return g_stopSignal != 0 ? stopped() : 128 + SIGPIPE;

    if (parser.isSet(outputOption)) {
        const QString path = parser.value(outputOption);
        QFile file(path);
        std::unique_ptr<QIODevice> body = response.body.open();
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || !body) {
            err << "patchbay-cli send: cannot write " << path << ": " << file.errorString() << '\n';
            return ExitUsage;
        }
        while (!body->atEnd() && g_stopSignal == 0)
            file.write(body->read(1 << 20));
        if (g_stopSignal != 0) {
            file.close();
            file.remove();
            return stopped();
        }
    } else if (terminal && looksBinary(response.body.peek(8192))) {
        err << "(" << response.body.size()
            << " bytes of binary body not printed to the terminal; use -o FILE)\n";
    } else if (!writeBody(response, stdout, err)) {
        return g_stopSignal != 0 ? stopped() : 128 + SIGPIPE;
    }
    fflush(stdout);

    if (verbose) {
        const Timing &t = response.timing;
        for (const TimingSpan &span : t.before) {
            err << "time: " << span.name << ' ' << (span.end - span.start)
                << " ms before the request";
            if (!span.note.isEmpty())
                err << " (" << span.note << ')';
            err << '\n';
        }
        err << "time: connect " << t.connectStart << " ms, sent " << t.requestSent
            << " ms, first byte " << t.firstByte << " ms, total " << t.finished << " ms\n";
    }
    if (parser.isSet(failOption) && response.statusCode >= 400)
        return ExitHttpFailure;
    return ExitOk;
}
