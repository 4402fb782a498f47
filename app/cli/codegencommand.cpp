#include "app/cli/commands.h"

#include "core/collections/collectionformat.h"
#include "core/interop/authcodegen.h"
#include "core/interop/codegen.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>

using namespace Patchbay::Core;

namespace {

constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

void printError(const QString &message)
{
    QTextStream(stderr) << "patchbay-cli codegen: " << message << '\n';
}

QString languageList()
{
    QStringList keys;
    for (CodeLanguage language : codeLanguages())
        keys.append(languageKey(language));
    return keys.join(QLatin1String(", "));
}

} // namespace

int Patchbay::Cli::runCodegen(const QStringList &args)
{
    QString program = args.value(0, QStringLiteral("patchbay-cli codegen"));
    program.remove(0, program.lastIndexOf(u'/') + 1);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print code that sends a saved request.\n\n"
                       "REQUEST_FILE is a request file of a collection (YAML), or '-' for "
                       "standard input. Variables such as {{host}} are left as written."));
    parser.addHelpOption();
    const QCommandLineOption languageOption(
        QStringList {QStringLiteral("l"), QStringLiteral("lang")},
        QStringLiteral("Language: %1.").arg(languageList()), QStringLiteral("language"));
    parser.addOption(languageOption);
    parser.addPositionalArgument(QStringLiteral("REQUEST_FILE"),
                                 QStringLiteral("the saved request (.yaml), or - for stdin"));
    if (!parser.parse(args)) {
        printError(parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QStringLiteral("Usage: ") + program);
        QTextStream(stdout) << help;
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printError(QStringLiteral("give exactly one REQUEST_FILE (or - for standard input)."));
        return ExitUsage;
    }
    if (!parser.isSet(languageOption)) {
        printError(QStringLiteral("choose a language with --lang: %1.").arg(languageList()));
        return ExitUsage;
    }
    const std::optional<CodeLanguage> language = languageFromName(parser.value(languageOption));
    if (!language) {
        printError(QStringLiteral("unknown language '%1'. Use one of: %2.")
                       .arg(parser.value(languageOption), languageList()));
        return ExitUsage;
    }

    const QString path = positional.first();
    const bool isStdin = path == QLatin1String("-");
    const QString name = isStdin ? QStringLiteral("<stdin>") : path;
    QFile file;
    bool opened = false;
    if (isStdin) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        printError(QStringLiteral("cannot read %1: %2").arg(name, file.errorString()));
        return ExitFailure;
    }
    const QByteArray yaml = file.read(kMaxCollectionFileSize + 1);
    ParseLocation at;
    const Result<SavedRequest> saved = requestFromYaml(yaml, &at);
    if (!saved) {
        // yaml-cpp messages name the line already; the others get it here.
        const bool named = saved.error().message.contains(QLatin1String("line "));
        const QString where
            = at.line > 0 && !named ? QStringLiteral("%1:%2").arg(name).arg(at.line) : name;
        printError(QStringLiteral("%1: %2").arg(where, saved.error().message));
        return ExitFailure;
    }
    const Result<QString> code = generateCodeWithAuth(saved->request, *language);
    if (!code) {
        printError(QStringLiteral("%1: %2").arg(name, code.error().message));
        return ExitFailure;
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return ExitFailure;
    out.write(code->toUtf8());
    return 0;
}
