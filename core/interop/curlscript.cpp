#include "core/interop/curlscript.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace Patchbay::Core {

namespace {

bool isNameStart(QChar c)
{
    return c == u'_' || (c.unicode() < 128 && c.isLetter());
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9');
}

struct PendingHeredoc
{
    QString delimiter;
    bool stripTabs = false;
    qsizetype command = -1; // index in the output list
};

class Splitter
{
public:
    explicit Splitter(const QString &text, int firstLine)
        : m_s(text)
        , m_line(firstLine)
    { }

    Result<QList<ShellCommand>> run()
    {
        startCommand();
        while (m_i < m_s.size()) {
            if (const std::optional<Error> e = step())
                return *e;
        }
        endCommand();
        return m_out;
    }

private:
    const QString &m_s;
    qsizetype m_i = 0;
    int m_line = 1;
    ShellCommand m_current;
    bool m_wordStart = true; // the next character starts a word
    bool m_lineStart = true; // nothing but blanks since the last newline
    QList<ShellCommand> m_out;
    QList<ShellCommand> m_nested; // commands found inside substitutions of the current one
    QList<PendingHeredoc> m_heredocs;
    bool m_pipedFromPrevious = false;

    QChar at(qsizetype i) const { return i < m_s.size() ? m_s.at(i) : QChar(); }

    void startCommand()
    {
        m_current = ShellCommand {};
        m_current.line = m_line;
        m_wordStart = true;
    }

    void endCommand()
    {
        const QString text = m_current.text.trimmed();
        if (!text.isEmpty()) {
            m_current.text = text;
            if (m_pipedFromPrevious)
                m_current.notes << QStringLiteral("its input came through a pipe from the "
                                                  "command before it");
            m_out << m_current;
        }
        m_out << m_nested;
        m_nested.clear();
        startCommand();
    }

    void noteOnPrevious(const QString &note)
    {
        if (!m_out.isEmpty())
            m_out.last().notes << note;
    }

    // A newline outside quotes: ends the command and reads the heredocs it opened.
    void newline()
    {
        ++m_i;
        ++m_line;
        const QList<PendingHeredoc> heredocs = m_heredocs;
        m_heredocs.clear();
        endCommand();
        m_pipedFromPrevious = false;
        for (const PendingHeredoc &h : heredocs) {
            QStringList body;
            while (m_i < m_s.size()) {
                qsizetype end = m_s.indexOf(u'\n', m_i);
                if (end < 0)
                    end = m_s.size();
                QString line = m_s.mid(m_i, end - m_i);
                if (line.endsWith(u'\r'))
                    line.chop(1);
                m_i = end + 1;
                ++m_line;
                const QString compared = h.stripTabs
                    ? QString(line).remove(QRegularExpression(QStringLiteral("^\\t+")))
                    : line;
                if (compared == h.delimiter)
                    break;
                body << compared;
            }
            if (h.command >= 0 && h.command < m_out.size())
                m_out[h.command].input = body.join(u'\n') + u'\n';
        }
        m_current.line = m_line;
        m_lineStart = true;
    }

    // `$NAME`, `${NAME...}`: Patchbay's {{NAME}}. Returns false when `$` starts nothing of these.
    bool variable()
    {
        const QChar next = at(m_i + 1);
        if (isNameStart(next)) {
            qsizetype end = m_i + 1;
            while (end < m_s.size() && isNameChar(m_s.at(end)))
                ++end;
            const QString name = m_s.mid(m_i + 1, end - m_i - 1);
            m_current.text += QStringLiteral("{{") + name + QStringLiteral("}}");
            noteVariable(name);
            m_i = end;
            return true;
        }
        if (next == u'{' && isNameStart(at(m_i + 2))) {
            const qsizetype close = m_s.indexOf(u'}', m_i + 2);
            if (close < 0)
                return false;
            qsizetype end = m_i + 2;
            while (end < close && isNameChar(m_s.at(end)))
                ++end;
            const QString name = m_s.mid(m_i + 2, end - m_i - 2);
            m_current.text += QStringLiteral("{{") + name + QStringLiteral("}}");
            noteVariable(name);
            if (end != close)
                m_current.notes << QStringLiteral("the shell expansion %1 was read as the "
                                                  "variable {{%2}}")
                                       .arg(m_s.mid(m_i, close - m_i + 1), name);
            m_i = close + 1;
            return true;
        }
        return false;
    }

    void noteVariable(const QString &name)
    {
        const QString note = QStringLiteral("the shell variable $%1 became the Patchbay variable "
                                            "{{%1}}; define it in an environment")
                                 .arg(name);
        if (!m_current.notes.contains(note))
            m_current.notes << note;
    }

    // `$(...)` or `` `...` ``: kept as text in this command, its own commands split too.
    std::optional<Error> substitution(bool backquote)
    {
        const qsizetype open = m_i;
        qsizetype i = m_i + (backquote ? 1 : 2);
        int depth = 1;
        QChar quote;
        while (i < m_s.size() && depth > 0) {
            const QChar c = m_s.at(i);
            if (!quote.isNull()) {
                if (c == quote)
                    quote = QChar();
                else if (c == u'\\' && quote == u'"')
                    ++i;
            } else if (c == u'\\') {
                ++i;
            } else if (c == u'\'' || c == u'"') {
                quote = c;
            } else if (backquote && c == u'`') {
                depth = 0;
                break;
            } else if (!backquote && c == u'(') {
                ++depth;
            } else if (!backquote && c == u')') {
                if (--depth == 0)
                    break;
            }
            ++i;
        }
        if (i >= m_s.size())
            return Error {QStringLiteral("unterminated-quote"),
                          QStringLiteral("Line %1: the command substitution %2 is not closed.")
                              .arg(m_line)
                              .arg(backquote ? QStringLiteral("`...`") : QStringLiteral("$(...)"))};
        const QString raw = m_s.mid(open, i - open + 1);
        const QString inner = m_s.mid(open + (backquote ? 1 : 2), i - open - (backquote ? 1 : 2));
        Result<QList<ShellCommand>> commands = Splitter(inner, m_line).run();
        if (commands.ok()) {
            for (ShellCommand c : commands.value()) {
                c.notes << QStringLiteral("it ran inside the command substitution %1")
                               .arg(raw.left(60));
                m_nested << c;
            }
        }
        m_current.text += raw;
        m_current.notes
            << QStringLiteral("the command substitution %1 was kept as text").arg(raw.left(60));
        m_line += int(raw.count(u'\n'));
        m_i = i + 1;
        return std::nullopt;
    }

    // Reads the word after a redirect operator (for the note) and drops both.
    void redirect(qsizetype operatorLength)
    {
        const qsizetype start = m_i;
        m_i += operatorLength;
        while (m_i < m_s.size() && (m_s.at(m_i) == u' ' || m_s.at(m_i) == u'\t'))
            ++m_i;
        QChar quote;
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i);
            if (!quote.isNull()) {
                if (c == quote)
                    quote = QChar();
            } else if (c == u'\'' || c == u'"') {
                quote = c;
            } else if (c.isSpace() || c == u';' || c == u'|' || c == u'&') {
                break;
            }
            ++m_i;
        }
        m_current.notes << QStringLiteral("the redirect \"%1\" was left out")
                               .arg(m_s.mid(start, m_i - start).trimmed());
        m_wordStart = true;
    }

    void heredoc()
    {
        qsizetype i = m_i + 2;
        if (at(i) == u'<') { // <<< here-string: the next word is the input
            m_i = i + 1;
            while (m_i < m_s.size() && (m_s.at(m_i) == u' ' || m_s.at(m_i) == u'\t'))
                ++m_i;
            const qsizetype start = m_i;
            QChar quote;
            while (m_i < m_s.size()) {
                const QChar c = m_s.at(m_i);
                if (!quote.isNull()) {
                    if (c == quote)
                        quote = QChar();
                } else if (c == u'\'' || c == u'"') {
                    quote = c;
                } else if (c.isSpace()) {
                    break;
                }
                ++m_i;
            }
            QString word = m_s.mid(start, m_i - start);
            if (word.size() >= 2 && (word.startsWith(u'\'') || word.startsWith(u'"'))
                && word.endsWith(word.at(0)))
                word = word.mid(1, word.size() - 2);
            m_current.input = word + u'\n';
            m_current.notes << QStringLiteral("its standard input came from a here-string");
            return;
        }
        const bool stripTabs = at(i) == u'-';
        if (stripTabs)
            ++i;
        while (at(i) == u' ' || at(i) == u'\t')
            ++i;
        QString delimiter;
        const QChar quote = at(i);
        if (quote == u'\'' || quote == u'"') {
            const qsizetype close = m_s.indexOf(quote, i + 1);
            delimiter = m_s.mid(i + 1, close - i - 1);
            i = close < 0 ? m_s.size() : close + 1;
        } else {
            const qsizetype start = i;
            while (i < m_s.size() && !m_s.at(i).isSpace() && m_s.at(i) != u';' && m_s.at(i) != u'|'
                   && m_s.at(i) != u'&')
                ++i;
            delimiter = m_s.mid(start, i - start);
        }
        m_i = i;
        // The command this heredoc feeds is the current one; it is stored when it ends, at
        // the latest at the end of this line.
        m_heredocs << PendingHeredoc {delimiter, stripTabs, qsizetype(m_out.size())};
        m_current.notes << QStringLiteral("its standard input came from a heredoc");
        m_wordStart = true;
    }

    std::optional<Error> quoted(QChar quote, bool ansi)
    {
        const qsizetype start = m_i;
        qsizetype i = m_i + (ansi ? 2 : 1);
        QString text = m_s.mid(m_i, i - m_i);
        while (i < m_s.size() && m_s.at(i) != quote) {
            const QChar c = m_s.at(i);
            if (c == u'\\' && (quote == u'"' || ansi) && i + 1 < m_s.size()) {
                text += c;
                text += m_s.at(i + 1);
                i += 2;
                continue;
            }
            if (quote == u'"' && c == u'$') {
                m_current.text += text;
                text.clear();
                m_i = i;
                if (variable()) {
                    i = m_i;
                    continue;
                }
                if (at(i + 1) == u'(') {
                    if (const std::optional<Error> e = substitution(false))
                        return e;
                    i = m_i;
                    continue;
                }
            }
            if (c == u'\n')
                ++m_line;
            text += c;
            ++i;
        }
        if (i >= m_s.size())
            return Error {
                QStringLiteral("unterminated-quote"),
                QStringLiteral("The %1 quote opened on line %2 is not closed: check "
                               "that every quote is closed.")
                    .arg(quote == u'"' ? QStringLiteral("double") : QStringLiteral("single"))
                    .arg(m_line - int(m_s.mid(start, i - start).count(u'\n')))};
        m_current.text += text + quote;
        m_i = i + 1;
        return std::nullopt;
    }

    std::optional<Error> step()
    {
        const QChar c = m_s.at(m_i);
        if (m_lineStart && (c == u' ' || c == u'\t')) {
            ++m_i;
            return std::nullopt;
        }
        if (m_lineStart) {
            m_lineStart = false;
            // A terminal transcript's prompt: "$ curl ..." or "% curl ...".
            if ((c == u'$' || c == u'%' || c == u'>') && at(m_i + 1) == u' ') {
                m_i += 2;
                return std::nullopt;
            }
        }
        if (c == u'\r' && at(m_i + 1) == u'\n') {
            ++m_i;
            return std::nullopt;
        }
        if (c == u'\n') {
            newline();
            return std::nullopt;
        }
        if ((c == u'\\' || c == u'^' || c == u'`')
            && (at(m_i + 1) == u'\n' || (at(m_i + 1) == u'\r' && at(m_i + 2) == u'\n'))) {
            m_i += at(m_i + 1) == u'\r' ? 3 : 2;
            ++m_line;
            m_current.text += u' ';
            m_wordStart = true;
            return std::nullopt;
        }
        if (c == u'#' && m_wordStart) {
            while (m_i < m_s.size() && m_s.at(m_i) != u'\n')
                ++m_i;
            return std::nullopt;
        }
        if (c == u'\\' && m_i + 1 < m_s.size()) {
            m_current.text += m_s.mid(m_i, 2);
            m_i += 2;
            m_wordStart = false;
            return std::nullopt;
        }
        if (c == u'\'' || c == u'"') {
            m_wordStart = false;
            return quoted(c, false);
        }
        if (c == u'$' && at(m_i + 1) == u'\'') {
            m_wordStart = false;
            return quoted(u'\'', true);
        }
        if (c == u'$' && at(m_i + 1) == u'(') {
            m_wordStart = false;
            return substitution(false);
        }
        if (c == u'`') {
            m_wordStart = false;
            return substitution(true);
        }
        if (c == u'$' && variable()) {
            m_wordStart = false;
            return std::nullopt;
        }
        if (c == u'|' || c == u';' || c == u'&') {
            const QChar next = at(m_i + 1);
            if (c == u'&' && next == u'>') { // &> file
                redirect(2);
                return std::nullopt;
            }
            const bool pipe = c == u'|' && next != u'|';
            m_i += (next == c) ? 2 : 1;
            endCommand();
            if (pipe)
                noteOnPrevious(QStringLiteral("its output was piped into the next command"));
            m_pipedFromPrevious = pipe;
            return std::nullopt;
        }
        if (c == u'<' && at(m_i + 1) == u'<') {
            heredoc();
            return std::nullopt;
        }
        if (c == u'>' || c == u'<'
            || (m_wordStart && c.isDigit() && (at(m_i + 1) == u'>' || at(m_i + 1) == u'<'))) {
            qsizetype length = 1;
            if (c.isDigit())
                ++length;
            while (at(m_i + length) == u'>' || at(m_i + length) == u'&')
                ++length;
            redirect(length);
            return std::nullopt;
        }
        m_wordStart = c.isSpace();
        m_current.text += c;
        ++m_i;
        return std::nullopt;
    }
};

bool isAssignment(const QString &word)
{
    static const QRegularExpression assignment(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    return assignment.match(word).hasMatch();
}

// The index of the word that names the program, after assignments and wrappers.
qsizetype programIndex(const QStringList &words)
{
    static const QSet<QString> wrappers
        = {QStringLiteral("sudo"),    QStringLiteral("time"), QStringLiteral("env"),
           QStringLiteral("command"), QStringLiteral("exec"), QStringLiteral("nohup")};
    qsizetype i = 0;
    while (i < words.size() && (isAssignment(words.at(i)) || wrappers.contains(words.at(i))))
        ++i;
    return i;
}

QString requestName(const Request &request)
{
    const QUrl url(request.url);
    return request.method + u' '
        + (url.path().isEmpty() || !request.url.contains(QLatin1String("://")) ? request.url
                                                                               : url.path());
}

} // namespace

Result<QList<ShellCommand>> splitShellScript(const QString &script)
{
    QString text = script;
    if (text.startsWith(QLatin1String("#!")))
        text = u'#' + text.mid(2); // a shebang is a comment
    return Splitter(text, 1).run();
}

bool looksLikeCurlScript(const QString &text)
{
    // A snippet whose commands include curl, within its first 64 KiB (a quote left open by the
    // cut does not matter: what was read before it counts).
    const QString head = text.left(64 * 1024);
    const Result<QList<ShellCommand>> commands = splitShellScript(head);
    if (!commands.ok()) {
        const QStringList lines = head.split(u'\n');
        for (QString line : lines) {
            line = line.trimmed();
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            if (line.startsWith(QLatin1String("$ ")) || line.startsWith(QLatin1String("% ")))
                line = line.mid(2).trimmed();
            const QStringList words = line.split(QRegularExpression(QStringLiteral("\\s+")));
            const qsizetype program = programIndex(words);
            return program < words.size() && isCurlWord(QString(words.at(program)).remove(u'"'));
        }
        return false;
    }
    for (const ShellCommand &command : commands.value()) {
        const Result<QStringList> words = splitShellWords(command.text);
        if (!words.ok())
            continue;
        const qsizetype program = programIndex(words.value());
        if (program < words->size() && isCurlWord(words->at(program)))
            return true;
    }
    return false;
}

Result<ImportedCollection> importCurlScript(const QString &script, const QString &name)
{
    Result<QList<ShellCommand>> commands = splitShellScript(script);
    if (!commands.ok())
        return commands.error();
    ImportedCollection imported;
    imported.info.name = name;
    ImportReport &report = imported.report;
    QStringList names;
    int curlCommands = 0;
    for (const ShellCommand &command : commands.value()) {
        const Result<QStringList> split = splitShellWords(command.text);
        const QString where = QStringLiteral("Line %1").arg(command.line);
        if (!split.ok()) {
            ++report.requestsSkipped;
            report.skipped << where + QStringLiteral(": ") + split.error().message;
            continue;
        }
        const QStringList &words = split.value();
        const qsizetype program = programIndex(words);
        if (program >= words.size())
            continue; // only assignments
        if (!isCurlWord(words.at(program))) {
            report.skipped << where
                    + QStringLiteral(": the shell command \"%1\" is not a curl command and was "
                                     "not imported")
                          .arg(command.text.left(80));
            continue;
        }
        ++curlCommands;
        const Result<CurlImport> curl = parseCurlWords(words.mid(program), command.input);
        if (!curl.ok()) {
            ++report.requestsSkipped;
            report.skipped << where + QStringLiteral(": curl command not imported: ")
                    + curl.error().message;
            continue;
        }
        SavedRequest saved;
        saved.request = curl->request;
        QStringList losses = curl->warnings;
        // curl sends a URL without a scheme over http; Patchbay wants the scheme written.
        if (!saved.request.url.contains(QLatin1String("://"))
            && !saved.request.url.startsWith(QLatin1String("{{"))) {
            saved.request.url.prepend(QLatin1String("http://"));
            losses << QStringLiteral("the URL had no scheme; http://, which curl assumes, was "
                                     "added");
        }
        saved.name = requestName(saved.request);
        for (int n = 2; names.contains(saved.name, Qt::CaseInsensitive); ++n)
            saved.name = requestName(saved.request) + QStringLiteral(" (%1)").arg(n);
        names << saved.name;
        saved.order = 1000LL * curlCommands;
        imported.root.requests << saved;
        const QString request
            = QStringLiteral("Request \"%1\" (line %2)").arg(saved.name).arg(command.line);
        if (program > 0)
            losses << QStringLiteral("\"%1\" before curl was left out")
                          .arg(words.mid(0, program).join(u' '));
        losses << command.notes;
        for (const QString &loss : std::as_const(losses))
            report.lossy << request + QStringLiteral(": ") + loss;
        if (losses.isEmpty()) {
            report.created << request;
            ++report.requestsCreated;
        } else {
            ++report.requestsLossy;
        }
    }
    if (curlCommands == 0)
        return Error {QStringLiteral("not-curl"),
                      QStringLiteral("This is not a curl command: no command in it starts with "
                                     "\"curl\".")};
    return imported;
}

} // namespace Patchbay::Core
