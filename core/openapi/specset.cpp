#include "core/openapi/specset.h"

#include "core/json/jsonparser.h"
#include "core/openapi/yamltojson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

#include <cstring>

namespace Patchbay::Core {

struct SpecSet::File
{
    QString uri;
    QByteArray bytes;
    bool yaml = false;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
};

namespace {

bool looksLikeJson(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

bool isUrl(const QString &uri)
{
    return uri.startsWith(QLatin1String("http://")) || uri.startsWith(QLatin1String("https://"));
}

Result<QByteArray> readLocal(const QString &path, const SpecLimits &limits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("read-failed"),
                      QStringLiteral("Could not read %1: %2.").arg(path, file.errorString())};
    if (file.size() > limits.maxFileBytes)
        return Error {QStringLiteral("spec-too-large"),
                      QStringLiteral("%1 is %2 MiB; API descriptions are limited to %3 MiB per "
                                     "file.")
                          .arg(path)
                          .arg(double(file.size()) / (1024 * 1024), 0, 'f', 1)
                          .arg(limits.maxFileBytes / (1024 * 1024))};
    return file.readAll();
}

// Percent-decodes a URI fragment (`#/paths/~1pets%7Bid%7D`) into a JSON pointer.
std::string decodeFragment(std::string_view fragment)
{
    auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9')
            return h - '0';
        if (h >= 'a' && h <= 'f')
            return h - 'a' + 10;
        if (h >= 'A' && h <= 'F')
            return h - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(fragment.size());
    for (size_t i = 0; i < fragment.size(); ++i) {
        if (fragment[i] == '%' && i + 2 < fragment.size()) {
            const int hi = hex(fragment[i + 1]);
            const int lo = hex(fragment[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += fragment[i];
    }
    return out;
}

} // namespace

SpecSet::SpecSet() = default;
SpecSet::~SpecSet() = default;

Result<std::unique_ptr<SpecSet>> SpecSet::loadFile(const QString &path, const SpecLimits &limits)
{
    Result<QByteArray> bytes = readLocal(path, limits);
    if (!bytes.ok())
        return bytes.error();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    return loadBytes(
        bytes.value(), absolute,
        [&limits](const QString &uri) -> Result<QByteArray> {
            if (isUrl(uri))
                return Error {QStringLiteral("spec-ref-remote"),
                              QStringLiteral("refers to a URL from a local file; "
                                             "download it beside the description")};
            return readLocal(uri, limits);
        },
        limits);
}

Result<std::unique_ptr<SpecSet>> SpecSet::loadBytes(const QByteArray &bytes, const QString &uri,
                                                    const Fetcher &fetch, const SpecLimits &limits)
{
    auto set = std::make_unique<SpecSet>();
    Result<int> root = set->addFile(bytes, uri, limits);
    if (!root.ok())
        return root.error();
    set->loadReferencedFiles(fetch, limits);
    return set;
}

Result<int> SpecSet::addFile(const QByteArray &bytes, const QString &uri, const SpecLimits &limits)
{
    if (bytes.size() > limits.maxFileBytes)
        return Error {QStringLiteral("spec-too-large"),
                      QStringLiteral("%1 is %2 MiB; API descriptions are limited to %3 MiB per "
                                     "file.")
                          .arg(uri)
                          .arg(double(bytes.size()) / (1024 * 1024), 0, 'f', 1)
                          .arg(limits.maxFileBytes / (1024 * 1024))};
    auto file = std::make_unique<File>();
    file->uri = uri;
    file->bytes = bytes;
    simdjson::error_code error = simdjson::SUCCESS;
    if (looksLikeJson(bytes)) {
        // simdjson reads past the end by up to SIMDJSON_PADDING bytes: give it a padded copy.
        const simdjson::padded_string padded(bytes.constData(), size_t(bytes.size()));
        error = file->parser.parse(padded).get(file->root);
        if (error != simdjson::SUCCESS) {
            const std::optional<JsonSyntaxError> where = findJsonSyntaxError(bytes);
            return Error {QStringLiteral("spec-syntax"),
                          QStringLiteral("%1 is not valid JSON: %2. Fix it and try again.")
                              .arg(uri,
                                   where ? where->toString()
                                         : QString::fromUtf8(simdjson::error_message(error)))};
        }
    } else {
        file->yaml = true;
        Result<std::string> json = yamlToJson(bytes, limits);
        if (!json.ok())
            return Error {json.error().code == QLatin1String("yaml-syntax")
                              ? QStringLiteral("spec-syntax")
                              : json.error().code,
                          uri + QStringLiteral(": ") + json.error().message};
        const simdjson::padded_string padded(json.value());
        json = Result<std::string>(std::string()); // free the text before the tape grows
        error = file->parser.parse(padded).get(file->root);
        if (error != simdjson::SUCCESS)
            return Error {QStringLiteral("spec-syntax"),
                          QStringLiteral("%1 could not be read: %2.")
                              .arg(uri, QString::fromUtf8(simdjson::error_message(error)))};
    }
    m_files.push_back(std::move(file));
    m_refCache.emplace_back();
    return int(m_files.size()) - 1;
}

void SpecSet::loadReferencedFiles(const Fetcher &fetch, const SpecLimits &limits)
{
    QSet<QString> failed;
    for (size_t next = 0; next < m_files.size(); ++next) {
        // Collect the other files this one names, in document order.
        QStringList wanted;
        std::vector<simdjson::dom::element> stack {m_files[next]->root};
        while (!stack.empty()) {
            const simdjson::dom::element element = stack.back();
            stack.pop_back();
            simdjson::dom::object object;
            simdjson::dom::array array;
            if (element.get_object().get(object) == simdjson::SUCCESS) {
                for (const auto field : object) {
                    if (field.key == "$ref" && field.value.is_string()) {
                        std::string_view ref;
                        if (field.value.get_string().get(ref) != simdjson::SUCCESS)
                            continue;
                        if (!ref.empty() && ref.front() != '#')
                            wanted << resolveUri(int(next), ref.substr(0, ref.find('#')));
                    } else if (field.value.is_object() || field.value.is_array()) {
                        stack.push_back(field.value);
                    }
                }
            } else if (element.get_array().get(array) == simdjson::SUCCESS) {
                for (const simdjson::dom::element item : array)
                    if (item.is_object() || item.is_array())
                        stack.push_back(item);
            }
        }
        for (const QString &uri : std::as_const(wanted)) {
            if (fileIndex(uri) >= 0 || failed.contains(uri))
                continue;
            if (int(m_files.size()) >= limits.maxFiles) {
                failed.insert(uri);
                m_loadProblems << uri
                        + QStringLiteral(": not loaded, the description already pulls in %1 files")
                              .arg(limits.maxFiles);
                continue;
            }
            Result<QByteArray> bytes = fetch
                ? fetch(uri)
                : Result<QByteArray>(Error {QStringLiteral("spec-ref-external"),
                                            QStringLiteral("other files cannot be loaded "
                                                           "for this description")});
            Result<int> added
                = bytes.ok() ? addFile(bytes.value(), uri, limits) : Result<int>(bytes.error());
            if (!added.ok()) {
                failed.insert(uri);
                m_loadProblems << uri + QStringLiteral(": ") + added.error().message;
            }
        }
    }
}

SpecNode SpecSet::root() const
{
    return m_files.empty() ? SpecNode() : SpecNode(0, m_files.front()->root);
}

QString SpecSet::fileUri(int file) const
{
    return file >= 0 && size_t(file) < m_files.size() ? m_files[size_t(file)]->uri : QString();
}

QByteArray SpecSet::fileBytes(int file) const
{
    return file >= 0 && size_t(file) < m_files.size() ? m_files[size_t(file)]->bytes : QByteArray();
}

bool SpecSet::isYaml(int file) const
{
    return file >= 0 && size_t(file) < m_files.size() && m_files[size_t(file)]->yaml;
}

int SpecSet::fileIndex(const QString &uri) const
{
    for (size_t i = 0; i < m_files.size(); ++i)
        if (m_files[i]->uri == uri)
            return int(i);
    return -1;
}

QString SpecSet::resolveUri(int fromFile, std::string_view reference) const
{
    const QString ref = toQString(reference);
    const QString base = fileUri(fromFile);
    if (isUrl(ref))
        return ref;
    if (isUrl(base))
        return QUrl(base).resolved(QUrl(ref)).toString();
    if (QDir::isAbsolutePath(ref))
        return QDir::cleanPath(ref);
    return QDir::cleanPath(QFileInfo(base).absolutePath() + u'/' + ref);
}

SpecNode SpecSet::lookup(int fromFile, std::string_view ref, QString *problem) const
{
    auto &cache = m_refCache[size_t(fromFile)];
    if (const auto it = cache.find(ref); it != cache.end())
        return it->second;
    const size_t hash = ref.find('#');
    const std::string_view filePart = hash == std::string_view::npos ? ref : ref.substr(0, hash);
    const std::string_view fragment
        = hash == std::string_view::npos ? std::string_view() : ref.substr(hash + 1);
    int target = fromFile;
    if (!filePart.empty()) {
        target = fileIndex(resolveUri(fromFile, filePart));
        if (target < 0) {
            if (problem)
                *problem = toQString(ref) + QStringLiteral(": the file it names was not loaded");
            return {};
        }
    }
    if (!fragment.empty() && fragment.front() != '/') {
        if (problem)
            *problem = toQString(ref)
                + QStringLiteral(": only JSON pointer fragments (#/...) are supported");
        return {};
    }
    simdjson::dom::element element;
    const std::string pointer = decodeFragment(fragment);
    if (m_files[size_t(target)]->root.at_pointer(pointer).get(element) != simdjson::SUCCESS) {
        if (problem)
            *problem = toQString(ref) + QStringLiteral(": no such value");
        return {};
    }
    const SpecNode found(target, element);
    cache.emplace(ref, found);
    return found;
}

SpecNode SpecSet::resolve(SpecNode node, QString *problem) const
{
    for (int hops = 0; hops < 32; ++hops) {
        const SpecNode ref = node["$ref"];
        if (!ref.isString())
            return node;
        node = lookup(node.file(), ref.view(), problem);
        if (!node.isValid())
            return node;
    }
    if (problem)
        *problem = QStringLiteral("a chain of more than 32 $refs (a $ref that names itself?)");
    return {};
}

QString SpecSet::refTarget(SpecNode node) const
{
    const SpecNode ref = node["$ref"];
    if (!ref.isString())
        return {};
    const std::string_view text = ref.view();
    const size_t hash = text.find('#');
    int file = node.file();
    if (hash != 0) {
        file = fileIndex(resolveUri(node.file(), text.substr(0, hash)));
    }
    return QString::number(file) + u'#'
        + (hash == std::string_view::npos ? QString() : toQString(text.substr(hash + 1)));
}

std::pair<const void *, size_t> SpecSet::identity(SpecNode node)
{
    static_assert(sizeof(simdjson::dom::element) == sizeof(std::pair<const void *, size_t>));
    std::pair<const void *, size_t> key {nullptr, 0};
    if (node.isValid()) {
        const simdjson::dom::element element = node.element();
        std::memcpy(&key.first, &element, sizeof(const void *));
        std::memcpy(&key.second, reinterpret_cast<const char *>(&element) + sizeof(const void *),
                    sizeof(size_t));
    }
    return key;
}

} // namespace Patchbay::Core
