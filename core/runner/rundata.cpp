#include "core/runner/rundata.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QFile>

namespace Patchbay::Core {

namespace {

Error csvError(int record, const QString &what)
{
    return Error {QStringLiteral("data-csv"),
                  QStringLiteral("CSV record %1: %2").arg(record).arg(what)};
}

} // namespace

Result<QList<DataRow>> parseCsvData(QByteArrayView csv)
{
    QByteArrayView text = csv;
    if (text.startsWith("\xef\xbb\xbf"))
        text = text.sliced(3);

    // Records as lists of fields.
    QList<QStringList> records;
    QStringList fields;
    QByteArray field;
    bool quoted = false; // inside a quoted field
    bool wasQuoted = false; // the current field was quoted (text after the quote is an error)
    bool recordHasContent = false;
    int line = 1;
    auto endField = [&] {
        fields.append(QString::fromUtf8(field));
        field.clear();
        wasQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        // Blank lines between records are skipped, as spreadsheets write them.
        if (recordHasContent || fields.size() > 1 || !fields.first().isEmpty())
            records.append(fields);
        fields.clear();
        recordHasContent = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text.at(i + 1) == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        switch (c) {
        case '"':
            if (!field.isEmpty() || wasQuoted)
                return csvError(int(records.size()) + 1,
                                QStringLiteral("a quote in the middle of an unquoted field (line "
                                               "%1); put the whole field in quotes and double "
                                               "the quote (\"a \"\"b\"\"\")")
                                    .arg(line));
            quoted = true;
            wasQuoted = true;
            recordHasContent = true;
            break;
        case ',':
            endField();
            recordHasContent = true;
            break;
        case '\r':
            if (i + 1 < text.size() && text.at(i + 1) == '\n')
                break; // CRLF: the LF ends the record
            field += c;
            break;
        case '\n':
            endRecord();
            ++line;
            break;
        default:
            if (wasQuoted)
                return csvError(int(records.size()) + 1,
                                QStringLiteral("text after a closing quote (line %1)").arg(line));
            field += c;
        }
    }
    if (quoted)
        return csvError(int(records.size()) + 1,
                        QStringLiteral("a quoted field is not closed before the end of the file"));
    if (!field.isEmpty() || !fields.isEmpty() || wasQuoted || recordHasContent)
        endRecord();

    if (records.isEmpty())
        return Error {QStringLiteral("data-csv"),
                      QStringLiteral("The CSV file is empty; its first line must name the "
                                     "variables, e.g. userId,name")};
    const QStringList header = records.takeFirst();
    QList<DataRow> rows;
    rows.reserve(records.size());
    for (qsizetype r = 0; r < records.size(); ++r) {
        const QStringList &record = records.at(r);
        if (record.size() != header.size())
            return csvError(int(r) + 2,
                            QStringLiteral("has %1 fields but the header names %2; quote fields "
                                           "that contain commas")
                                .arg(record.size())
                                .arg(header.size()));
        DataRow row;
        for (qsizetype f = 0; f < header.size(); ++f)
            row.append({header.at(f).trimmed(), record.at(f), true, false});
        rows.append(row);
    }
    return rows;
}

Result<QList<DataRow>> parseJsonData(QByteArrayView json)
{
    const Result<JsonValue> parsed = parseJson(json);
    if (!parsed.ok())
        return Error {
            QStringLiteral("data-json"),
            QStringLiteral("The data file is not valid JSON: %1").arg(parsed.error().message)};
    if (!parsed->isArray())
        return Error {QStringLiteral("data-json"),
                      QStringLiteral("The JSON data file must be an array of objects, one per "
                                     "iteration, e.g. [{\"userId\": 1}, {\"userId\": 2}]")};
    QList<DataRow> rows;
    qsizetype index = 0;
    for (const JsonValue &item : parsed->array()) {
        if (!item.isObject())
            return Error {QStringLiteral("data-json"),
                          QStringLiteral("Item %1 of the data file is a %2, not an object of "
                                         "variable names to values")
                              .arg(index)
                              .arg(item.typeName())};
        DataRow row;
        for (const JsonMember &m : item.members())
            row.append({m.key, jsonScalarText(m.value), true, false});
        rows.append(row);
        ++index;
    }
    return rows;
}

Result<QList<DataRow>> readDataFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {
            QStringLiteral("read-failed"),
            QStringLiteral("Cannot read the data file %1: %2").arg(path, file.errorString())};
    const QByteArray bytes = file.readAll();
    const QByteArrayView content = bytes.startsWith("\xef\xbb\xbf")
        ? QByteArrayView(bytes).sliced(3)
        : QByteArrayView(bytes);
    for (const char c : content) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (c == '[')
            return parseJsonData(bytes);
        break;
    }
    return parseCsvData(bytes);
}

} // namespace Patchbay::Core
