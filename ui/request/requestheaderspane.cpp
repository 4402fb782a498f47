#include "ui/request/requestheaderspane.h"

#include "core/http/preparedrequest.h"
#include "ui/request/keyvaluemodel.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/urlquery.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

QStringList headerNames()
{
    return {QStringLiteral("Accept"),
            QStringLiteral("Accept-Encoding"),
            QStringLiteral("Accept-Language"),
            QStringLiteral("Authorization"),
            QStringLiteral("Cache-Control"),
            QStringLiteral("Connection"),
            QStringLiteral("Content-Encoding"),
            QStringLiteral("Content-Language"),
            QStringLiteral("Content-Type"),
            QStringLiteral("Cookie"),
            QStringLiteral("If-Match"),
            QStringLiteral("If-Modified-Since"),
            QStringLiteral("If-None-Match"),
            QStringLiteral("If-Unmodified-Since"),
            QStringLiteral("Origin"),
            QStringLiteral("Prefer"),
            QStringLiteral("Range"),
            QStringLiteral("Referer"),
            QStringLiteral("User-Agent"),
            QStringLiteral("X-API-Key"),
            QStringLiteral("X-HTTP-Method-Override"),
            QStringLiteral("X-Request-ID"),
            QStringLiteral("X-Requested-With")};
}

QStringList headerValues(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("content-type") || n == QLatin1String("accept")) {
        QStringList values = {QStringLiteral("application/json"),
                              QStringLiteral("application/merge-patch+json"),
                              QStringLiteral("application/json-patch+json"),
                              QStringLiteral("application/problem+json"),
                              QStringLiteral("application/x-www-form-urlencoded"),
                              QStringLiteral("application/xml"),
                              QStringLiteral("multipart/form-data"),
                              QStringLiteral("text/plain"),
                              QStringLiteral("text/html")};
        if (n == QLatin1String("accept"))
            values << QStringLiteral("*/*");
        return values;
    }
    if (n == QLatin1String("cache-control"))
        return {QStringLiteral("no-cache"), QStringLiteral("no-store"), QStringLiteral("max-age=0"),
                QStringLiteral("must-revalidate")};
    if (n == QLatin1String("authorization"))
        return {QStringLiteral("Bearer "), QStringLiteral("Basic ")};
    if (n == QLatin1String("accept-encoding"))
        return {QStringLiteral("gzip"), QStringLiteral("deflate"), QStringLiteral("br"),
                QStringLiteral("identity")};
    if (n == QLatin1String("prefer"))
        return {QStringLiteral("return=representation"), QStringLiteral("return=minimal"),
                QStringLiteral("respond-async")};
    if (n == QLatin1String("if-match") || n == QLatin1String("if-none-match"))
        return {QStringLiteral("*"), QStringLiteral("\"\""), QStringLiteral("W/\"\"")};
    if (n == QLatin1String("connection"))
        return {QStringLiteral("keep-alive"), QStringLiteral("close")};
    if (n == QLatin1String("x-http-method-override"))
        return {QStringLiteral("PATCH"), QStringLiteral("PUT"), QStringLiteral("DELETE")};
    if (n == QLatin1String("x-requested-with"))
        return {QStringLiteral("XMLHttpRequest")};
    return {};
}

} // namespace

RequestHeadersPane::RequestHeadersPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);
    m_model = new KeyValueModel(this);
    m_model->setNamePlaceholder(tr("Add a header"));
    m_view = new KeyValueTableView(this);
    m_view->setObjectName(QStringLiteral("headersTable"));
    m_view->setKeyValueModel(m_model);
    m_view->setCompletions(headerNames(), &headerValues);
    layout->addWidget(m_view, 3);
    connect(m_model, &KeyValueModel::rowsEdited, this, &RequestHeadersPane::edited);

    auto *title = new QLabel(tr("Sent automatically"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setToolTip(tr("Headers Patchbay adds from the body, the auth settings and its "
                         "defaults. A header of the same name in the table above replaces "
                         "User-Agent, Accept and Content-Type."));
    layout->addWidget(title);

    // An empty first column lines the names up with the table above.
    m_automatic = new QTableWidget(0, 3, this);
    m_automatic->setObjectName(QStringLiteral("automaticHeaders"));
    m_automatic->setHorizontalHeaderLabels({QString(), tr("Name"), tr("Value")});
    m_automatic->horizontalHeader()->hide();
    m_automatic->verticalHeader()->hide();
    m_automatic->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_automatic->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_automatic->horizontalHeader()->resizeSection(0, 32);
    m_automatic->horizontalHeader()->resizeSection(1, 220);
    m_automatic->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_automatic->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_automatic->horizontalHeader()->setStretchLastSection(true);
    m_automatic->setShowGrid(false);
    m_automatic->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_automatic->setSelectionMode(QAbstractItemView::NoSelection);
    m_automatic->setFocusPolicy(Qt::NoFocus);
    m_automatic->setFrameShape(QFrame::NoFrame);
    m_automatic->setToolTip(title->toolTip());
    layout->addWidget(m_automatic);

    m_automaticNote = new QLabel(this);
    m_automaticNote->setWordWrap(true);
    m_automaticNote->hide();
    layout->addWidget(m_automaticNote);
}

Core::KeyValueList RequestHeadersPane::headers() const
{
    return UrlQuery::withoutBlankRows(m_model->rows());
}

void RequestHeadersPane::setHeaders(const Core::KeyValueList &headers)
{
    m_model->setRows(headers);
}

int RequestHeadersPane::enabledCount() const
{
    return UrlQuery::enabledFilledCount(m_model->rows());
}

void RequestHeadersPane::setVariableLookup(const VariableLookup &lookup)
{
    m_view->setVariableLookup(lookup);
}

void RequestHeadersPane::showAutomaticHeaders(const Core::Request &request)
{
    Core::Request preview = request;
    // The preview never reads files (that could block): their sizes come from the file system.
    qint64 binarySize = -1;
    bool lengthUnknown = false;
    if (preview.body.mode == Core::BodyMode::BinaryFile) {
        const QFileInfo info(preview.body.filePath);
        binarySize = info.isFile() ? info.size() : -1;
        preview.body.mode = Core::BodyMode::Text;
        preview.body.text.clear();
        if (preview.body.contentType.isEmpty())
            preview.body.contentType = QStringLiteral("application/octet-stream");
    } else if (preview.body.mode == Core::BodyMode::Multipart) {
        for (Core::MultipartField &field : preview.body.multipartFields) {
            if (field.isFile) {
                field.isFile = false;
                field.value.clear();
                lengthUnknown = true;
            }
        }
    }
    if (UrlQuery::splitUrl(preview.url).base.trimmed().isEmpty()
        || !preview.url.contains(QLatin1String("://")))
        preview.url = QStringLiteral("http://example.invalid/");

    const Core::Result<Core::PreparedRequest> prepared = Core::prepareRequest(preview);
    m_automatic->setRowCount(0);
    m_automatic->setFixedHeight(0);
    if (!prepared) {
        m_automaticNote->setText(prepared.error().message);
        m_automaticNote->show();
        return;
    }
    m_automaticNote->hide();
    const QColor muted = palette().color(QPalette::Disabled, QPalette::Text);
    const Core::PreparedHeaderList headers = prepared->automaticHeaders();
    for (const Core::PreparedHeader &header : headers) {
        QString value = QString::fromUtf8(header.value);
        if (header.name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (binarySize >= 0)
                value = QString::number(binarySize);
            else if (lengthUnknown || preview.body.mode == Core::BodyMode::BinaryFile)
                value = tr("calculated when sent");
        }
        if (header.name.compare("Content-Type", Qt::CaseInsensitive) == 0
            && value.startsWith(QLatin1String("multipart/form-data")))
            value = QStringLiteral("multipart/form-data; boundary=…");
        const int row = m_automatic->rowCount();
        m_automatic->insertRow(row);
        auto *name = new QTableWidgetItem(QString::fromUtf8(header.name));
        auto *val = new QTableWidgetItem(value);
        for (QTableWidgetItem *item : {name, val}) {
            item->setFlags(Qt::ItemIsEnabled);
            item->setForeground(muted);
            item->setToolTip(tr("Added by Patchbay. Add a header with the same name above to "
                                "replace it."));
        }
        m_automatic->setItem(row, 1, name);
        m_automatic->setItem(row, 2, val);
        auto *lock = new QTableWidgetItem;
        lock->setFlags(Qt::ItemIsEnabled);
        m_automatic->setItem(row, 0, lock);
    }
    m_automatic->setFixedHeight(m_automatic->rowCount()
                                    * m_automatic->verticalHeader()->defaultSectionSize()
                                + 2 * m_automatic->frameWidth());
}

} // namespace Patchbay::Ui
