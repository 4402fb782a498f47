#include "app/cli/commands.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonpatch.h"
#include "core/json/jsonwriter.h"
#include "core/json/mergepatch.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <optional>

using namespace Patchbay::Core;

namespace {

enum class Format { Auto, Merge, JsonPatch };

constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

void printError(const QString &message)
{
    QTextStream(stderr) << "patchbay-cli patch: " << message << '\n';
}

// QCommandLineParser names the executable; the subcommand's name is more useful.
QString helpText(const QCommandLineParser &parser, const QString &program)
{
    QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(u'\n');
    const qsizetype options = text.indexOf(QLatin1String(" [options]"));
    if (text.startsWith(QLatin1String("Usage: ")) && options > 0 && options < lineEnd)
        text.replace(7, options - 7, program);
    return text;
}

int usageError(const QString &message, const QCommandLineParser &parser, const QString &program)
{
    printError(message);
    QTextStream(stderr) << '\n' << helpText(parser, program);
    return ExitUsage;
}

// Reads and parses a file ("-" for standard input); prints the reason and returns nothing on
// failure.
std::optional<JsonValue> readDocument(const QString &path)
{
    QFile file;
    const bool isStdin = path == QLatin1String("-");
    const QString name = isStdin ? QStringLiteral("<stdin>") : path;
    bool opened = false;
    if (isStdin) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        printError(QStringLiteral("cannot read %1: %2").arg(name, file.errorString()));
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    if (const std::optional<JsonSyntaxError> error = findJsonSyntaxError(data)) {
        printError(QStringLiteral("%1:%2:%3: invalid JSON: %4")
                       .arg(name)
                       .arg(error->line)
                       .arg(error->column)
                       .arg(error->message));
        return std::nullopt;
    }
    Result<JsonValue> parsed = parseJson(data);
    if (!parsed) { // cannot happen after the check above, but keep the message path honest
        printError(QStringLiteral("%1: %2").arg(name, parsed.error().message));
        return std::nullopt;
    }
    return std::move(parsed).value();
}

void printDocument(const JsonValue &value)
{
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return;
    out.write(toJson(value, JsonStyle::Indented, 2));
    out.write("\n", 1);
}

} // namespace

int Patchbay::Cli::runPatch(const QStringList &args)
{
    // args[0] is "<path to patchbay-cli> patch": show it without the directory.
    QString program = args.value(0, QStringLiteral("patchbay-cli patch"));
    program.remove(0, program.lastIndexOf(u'/') + 1);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Compute or apply the difference between two JSON documents.\n\n"
                       "  patch diff BEFORE AFTER   print a patch that turns BEFORE into AFTER\n"
                       "  patch apply DOC PATCH     print DOC with PATCH applied\n\n"
                       "Files may be '-' for standard input. Output keeps key order and "
                       "number literals."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption formatOption(
        QStringList {QStringLiteral("f"), QStringLiteral("format")},
        QStringLiteral("Patch format: json-patch (RFC 6902) or merge (RFC 7396). Default for "
                       "diff: json-patch; for apply: detected (array: json-patch, object: "
                       "merge)."),
        QStringLiteral("format"));
    const QCommandLineOption testsOption(
        QStringLiteral("tests"),
        QStringLiteral("diff, json-patch only: start with 'test' operations that check the "
                       "old values of replaced and removed paths."));
    parser.addOption(formatOption);
    parser.addOption(testsOption);
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("diff or apply"));
    parser.addPositionalArgument(QStringLiteral("first"), QStringLiteral("BEFORE or DOC"));
    parser.addPositionalArgument(QStringLiteral("second"), QStringLiteral("AFTER or PATCH"));

    if (!parser.parse(args))
        return usageError(parser.errorText(), parser, program);
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << helpText(parser, program);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 3)
        return usageError(QStringLiteral("expected an action and two files, got %1 arguments")
                              .arg(positional.size()),
                          parser, program);
    const QString action = positional.at(0);
    const bool isDiff = action == QLatin1String("diff");
    if (!isDiff && action != QLatin1String("apply"))
        return usageError(
            QStringLiteral("unknown action '%1' (expected diff or apply)").arg(action), parser,
            program);
    if (positional.at(1) == QLatin1String("-") && positional.at(2) == QLatin1String("-"))
        return usageError(QStringLiteral("only one of the two files can be '-' (standard input)"),
                          parser, program);

    Format format = Format::Auto;
    if (parser.isSet(formatOption)) {
        const QString value = parser.value(formatOption);
        if (value == QLatin1String("merge"))
            format = Format::Merge;
        else if (value == QLatin1String("json-patch"))
            format = Format::JsonPatch;
        else
            return usageError(
                QStringLiteral("unknown format '%1' (expected merge or json-patch)").arg(value),
                parser, program);
    }
    if (parser.isSet(testsOption) && (!isDiff || format == Format::Merge))
        return usageError(QStringLiteral("--tests only applies to 'diff' with json-patch"), parser,
                          program);

    const std::optional<JsonValue> first = readDocument(positional.at(1));
    if (!first)
        return ExitFailure;
    const std::optional<JsonValue> second = readDocument(positional.at(2));
    if (!second)
        return ExitFailure;

    if (isDiff) {
        if (format == Format::Merge) {
            const MergePatchResult result = diffMergePatch(*first, *second);
            for (const QString &warning : result.warnings)
                QTextStream(stderr) << "warning: " << warning << '\n';
            printDocument(result.patch);
            return 0;
        }
        DiffOptions options;
        options.withTests = parser.isSet(testsOption);
        printDocument(diffJsonPatch(*first, *second, options));
        return 0;
    }

    if (format == Format::Auto)
        format = second->isArray() ? Format::JsonPatch : Format::Merge;
    if (format == Format::Merge) {
        printDocument(applyMergePatch(*first, *second));
        return 0;
    }
    Result<JsonValue> result = applyJsonPatch(*first, *second);
    if (!result) {
        printError(QStringLiteral("patch not applied: ") + result.error().message);
        return ExitFailure;
    }
    printDocument(result.value());
    return 0;
}
