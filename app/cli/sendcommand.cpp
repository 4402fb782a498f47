#include "app/cli/commands.h"
#include "app/cli/streamoutput.h"

#include "core/http/httpclient.h"
#include "core/json/jsonformatter.h"
#include "core/sse/eventstreamsession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace Patchbay::Core;

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 2, ExitTransport = 3, ExitHttpFailure = 4 };

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
// in memory twice.
void writeBody(const Response &response, FILE *out)
{
    std::unique_ptr<QIODevice> device = response.body.open();
    if (!device)
        return;
    const bool json = isJsonContentType(response.header("Content-Type"));
    JsonFormatter formatter;
    QByteArray formatted;
    bool endsWithNewline = true;
    while (!device->atEnd()) {
        const QByteArray chunk = device->read(1 << 20);
        if (chunk.isEmpty())
            break;
        if (json) {
            formatted.clear();
            formatter.feed(chunk, formatted);
            fwrite(formatted.constData(), 1, size_t(formatted.size()), out);
            if (!formatted.isEmpty())
                endsWithNewline = formatted.endsWith('\n');
        } else {
            fwrite(chunk.constData(), 1, size_t(chunk.size()), out);
            endsWithNewline = chunk.endsWith('\n');
        }
    }
    if (!endsWithNewline && isatty(fileno(out)))
        fputc('\n', out);
    else if (json && !endsWithNewline)
        fputc('\n', out);
}

} // namespace

int Patchbay::Cli::runSend(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sends one HTTP request and prints the status line, the body (JSON pretty-printed with\n"
        "key order and numbers kept) and, with -i, the response headers.\n"
        "A text/event-stream response (Server-Sent Events) is printed event by event as it\n"
        "arrives, until the server ends it, --max-events, or --timeout.\n\n"
        "Exit status: 0 for any HTTP response, 3 for a transport error (nothing or not all\n"
        "received), 4 with --fail for a 4xx/5xx status, 2 for a usage error."));
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
    const QCommandLineOption formOption(
        {QStringLiteral("F"), QStringLiteral("form")},
        QStringLiteral("Multipart field k=v, or k=@file to upload a file (repeatable)."),
        QStringLiteral("k=v"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("Give up after S seconds without progress (default 30, 0 = never). For an "
                       "event stream, given explicitly: also stop listening after S seconds."),
        QStringLiteral("S"), QStringLiteral("30"));
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
    parser.addOptions({headerOption, jsonOption, dataOption, formOption, timeoutOption,
                       noRedirectsOption, insecureOption, includeOption, failOption, outputOption,
                       verboseOption, jsonLinesOption, maxEventsOption, reconnectOption});

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
        + int(parser.isSet(formOption));
    if (bodyOptions > 1) {
        err << "patchbay-cli send: use only one of --json, --data and --form\n";
        return ExitUsage;
    }
    QString error;
    if (parser.isSet(jsonOption)) {
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
    request.settings.followRedirects = !parser.isSet(noRedirectsOption);
    request.settings.verifyTls = !parser.isSet(insecureOption);
    qint64 maxEvents = -1;
    if (parser.isSet(maxEventsOption)) {
        bool ok = false;
        maxEvents = parser.value(maxEventsOption).toLongLong(&ok);
        if (!ok || maxEvents < 1) {
            err << "patchbay-cli send: --max-events expects a positive number\n";
            return ExitUsage;
        }
    }

    QNetworkAccessManager network;
    HttpClient client(&network);
    std::unique_ptr<HttpCall> call = client.send(request);
    call->setBodyObserved(true);
    Response response;
    QObject::connect(call.get(), &HttpCall::finished, call.get(), [&response](const Response &r) {
        response = r;
        QCoreApplication::exit(0);
    });
    // An event stream is printed as it arrives: the call goes to an EventStreamSession.
    std::unique_ptr<EventStreamSession> stream;
    bool streamEnded = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    HttpCall *first = call.get();
    QObject::connect(first, &HttpCall::headReceived, first, [&](const Response &head) {
        if (head.statusCode != 200 || !isEventStream(head))
            return;
        QObject::disconnect(first, &HttpCall::finished, nullptr, nullptr);
        QTextStream out(stdout);
        out << "HTTP/" << head.httpVersion << ' ' << head.statusCode << ' ' << head.reason << '\n';
        if (parser.isSet(includeOption)) {
            for (const HttpHeader &h : head.headers)
                out << QString::fromLatin1(h.name) << ": " << QString::fromLatin1(h.value) << '\n';
        }
        out << '\n';
        out.flush();
        EventStreamOptions options;
        options.maxEvents = 1; // printed, not kept
        options.reconnect = parser.isSet(reconnectOption);
        stream = std::make_unique<EventStreamSession>(&client, request, options);
        const bool jsonLines = parser.isSet(jsonLinesOption);
        QObject::connect(stream.get(), &EventStreamSession::eventReceived, stream.get(),
                         [&, jsonLines](const ServerSentEvent &event) {
                             printEvent(event, jsonLines, stdout);
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
    QCoreApplication::exec();
    if (streamEnded) {
        if (response.isError()) {
            err << "patchbay-cli send: the event stream ended: " << response.errorMessage << '\n';
            return ExitTransport;
        }
        return ExitOk;
    }

    const bool verbose = parser.isSet(verboseOption);
    if (verbose) {
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

    QTextStream out(stdout);
    out << "HTTP/" << response.httpVersion << ' ' << response.statusCode;
    if (!response.reason.isEmpty())
        out << ' ' << response.reason;
    out << '\n';
    if (parser.isSet(includeOption)) {
        for (const HttpHeader &h : response.headers)
            out << QString::fromLatin1(h.name) << ": " << QString::fromLatin1(h.value) << '\n';
    }
    out << '\n';
    out.flush();

    if (parser.isSet(outputOption)) {
        const QString path = parser.value(outputOption);
        QFile file(path);
        std::unique_ptr<QIODevice> body = response.body.open();
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || !body) {
            err << "patchbay-cli send: cannot write " << path << ": " << file.errorString() << '\n';
            return ExitUsage;
        }
        while (!body->atEnd())
            file.write(body->read(1 << 20));
    } else if (isatty(fileno(stdout)) && looksBinary(response.body.peek(8192))) {
        err << "(" << response.body.size()
            << " bytes of binary body not printed to the terminal; use -o FILE)\n";
    } else {
        writeBody(response, stdout);
    }
    fflush(stdout);

    if (verbose) {
        const Timing &t = response.timing;
        err << "time: connect " << t.connectStart << " ms, sent " << t.requestSent
            << " ms, first byte " << t.firstByte << " ms, total " << t.finished << " ms\n";
    }
    if (parser.isSet(failOption) && response.statusCode >= 400)
        return ExitHttpFailure;
    return ExitOk;
}
