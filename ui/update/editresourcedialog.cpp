#include "ui/update/editresourcedialog.h"

#include "core/history/historyentry.h"
#include "core/http/httpclient.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "ui/common/accessibility.h"
#include "ui/common/codeview.h"
#include "ui/update/diffmarkers.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

using Core::UpdateKind;

QString jsonText(const std::optional<Core::JsonValue> &value)
{
    if (!value)
        return EditResourceDialog::tr("(absent)");
    return QString::fromUtf8(Core::toJson(*value, Core::JsonStyle::Compact));
}

QString pointerText(const Core::JsonPointer &pointer)
{
    return pointer.isRoot() ? EditResourceDialog::tr("(whole document)") : pointer.toString();
}

QString previewText(const Core::Request &request)
{
    QString text = request.method + QLatin1Char(' ') + Core::displayUrl(request) + u'\n';
    for (const Core::KeyValue &row : request.headers) {
        if (row.enabled)
            text += row.name + QStringLiteral(": ") + row.value + u'\n';
    }
    if (request.auth.mode != Core::AuthMode::None)
        text += EditResourceDialog::tr("(plus the authorization of the GET)") + u'\n';
    text += u'\n' + request.body.text;
    return text;
}

QLabel *bannerLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setMargin(6);
    label->setAutoFillBackground(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::Window, QColor(210, 153, 34, 60));
    label->setPalette(palette);
    return label;
}

CodeView *jsonView(QWidget *parent, bool readOnly)
{
    auto *view = new CodeView(parent);
    view->setJsonHighlighting(true);
    view->setReadOnly(readOnly);
    return view;
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *label = new QLabel(title, box);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    layout->addWidget(label);
    content->setParent(box);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

EditResourceDialog::EditResourceDialog(QNetworkAccessManager *network, const Core::Request &get,
                                       const Core::Response &response, QWidget *parent)
    : QDialog(parent)
    , m_get(get)
    , m_client(std::make_unique<Core::HttpClient>(network))
{
    m_context.client = m_client.get();
    setWindowTitle(tr("Edit resource — %1").arg(Core::displayUrl(get)));
    m_get.method = QStringLiteral("GET");
    m_get.body = Core::RequestBody {};
    m_confirm = [](QWidget *parentWidget, const QString &title, const QStringList &points) {
        return QMessageBox::warning(parentWidget, title,
                                    points.join(QLatin1String("\n\n")) + tr("\n\nSend anyway?"),
                                    QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings = bannerLabel(this);
    m_warnings->setVisible(false);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(createEditors());
    m_tabs = new QTabWidget(splitter);
    m_preview = jsonView(m_tabs, true);
    m_tabs->addTab(m_preview, tr("Request preview"));
    m_responseView = jsonView(m_tabs, true);
    m_responsePage = m_responseView;
    m_tabs->addTab(m_responseView, tr("Response"));
    m_tabs->addTab(createVerifyPage(), tr("Verify"));
    m_tabs->addTab(createConflictPage(), tr("Conflict (412)"));
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({560, 300}); // the documents first: the preview needs fewer lines

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setDefault(true);
    m_openAsRequest = buttons->addButton(tr("Open as request"), QDialogButtonBox::ActionRole);
    m_openAsRequest->setToolTip(
        tr("Open the generated request in a tab, to send it later or save it in a collection"));
    buttons->addButton(QDialogButtonBox::Close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(createOptions());
    layout->addWidget(m_warnings);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    describeControls(buttons);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DiffDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &EditResourceDialog::refresh);
    connect(m_editor, &QsciScintilla::textChanged, this, &EditResourceDialog::scheduleRefresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &EditResourceDialog::send);
    connect(m_openAsRequest, &QPushButton::clicked, this, [this] {
        const Core::Result<Core::UpdatePlan> plan = currentPlan();
        if (plan)
            emit openAsRequestRequested(plan->request);
    });
    connect(m_reapply, &QPushButton::clicked, this, &EditResourceDialog::reapplyAndRetry);

    const Core::Result<Core::JsonValue> parsed = Core::parseJson(response.body.readAll());
    m_hasDocument = parsed.ok() && parsed->isContainer();
    if (m_hasDocument) {
        setOriginal(parsed.value(), response);
        m_editor->setText(QString::fromUtf8(Core::toJson(m_original)));
    } else {
        const QString why = parsed.ok() ? tr("it is a single JSON value, not an object or array")
                                        : parsed.error().message;
        m_editorMessage->setText(
            tr("This response cannot be edited as a resource: %1. Open a JSON response of a GET "
               "to edit it.")
                .arg(why));
        m_editor->setReadOnly(true);
        m_send->setEnabled(false);
        m_openAsRequest->setEnabled(false);
    }
    refresh();
    resize(1100, 800);
}

EditResourceDialog::~EditResourceDialog() = default;

QWidget *EditResourceDialog::createEditors()
{
    auto *box = new QWidget(this);
    auto *split = new QSplitter(Qt::Horizontal, box);
    m_originalView = jsonView(split, true);
    m_editor = jsonView(split, false);
    DiffMarkers::install(m_originalView);
    DiffMarkers::install(m_editor);
    split->addWidget(titled(tr("Original (as the server sent it)"), m_originalView, split));
    split->addWidget(titled(tr("Your version (edit here)"), m_editor, split));
    m_editorMessage = new QLabel(box);
    m_editorMessage->setWordWrap(true);
    m_editorMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split, 1);
    layout->addWidget(m_editorMessage);
    return box;
}

void EditResourceDialog::describeControls(QDialogButtonBox *buttons)
{
    using Accessibility::describe;
    describe(m_originalView, tr("Original document"), tr("The resource as the server sent it"));
    describe(m_editor, tr("Edited document"),
             tr("Change the JSON here; the request to send follows your changes"));
    Accessibility::describeTabs(m_tabs,
                                tr("The request that will be sent, the server's response, "
                                   "the verification and any conflict"));
    describe(m_preview, tr("Request preview"), tr("The request that Send will send"));
    describe(m_responseView, tr("Response"), tr("What the server answered to the update"));
    describe(m_conflictOriginal, tr("Original"), tr("The document you started from"));
    describe(m_theirsView, tr("Theirs"), tr("The document as the server has it now"));
    describe(m_yoursView, tr("Yours"), tr("Your edited document"));
    m_kind->setAccessibleDescription(tr("How the change is sent: the whole document or a patch"));
    m_ifMatch->setAccessibleDescription(
        tr("Send the ETag, so that the server refuses the update if the resource changed"));
    m_ifUnmodifiedSince->setAccessibleDescription(
        tr("Send the Last-Modified date, so that the server refuses the update if the resource "
           "changed"));
    m_send->setAccessibleDescription(tr("Send the update to the server"));
    Accessibility::describeButtons(buttons);
}

QWidget *EditResourceDialog::createOptions()
{
    auto *box = new QWidget(this);
    m_kind = new QComboBox(box);
    m_kind->addItem(tr("PUT — the whole document"), int(UpdateKind::Put));
    m_kind->addItem(tr("PATCH — merge patch (application/merge-patch+json)"),
                    int(UpdateKind::MergePatch));
    m_kind->addItem(tr("PATCH — JSON Patch (application/json-patch+json)"),
                    int(UpdateKind::JsonPatch));
    m_kind->addItem(tr("PATCH — changed fields as plain JSON (application/json)"),
                    int(UpdateKind::PlainPartial));
    m_kindExplanation = new QLabel(box);
    m_kindExplanation->setWordWrap(true);
    m_kindExplanation->setForegroundRole(QPalette::PlaceholderText);
    m_ifMatch = new QCheckBox(box);
    m_ifUnmodifiedSince = new QCheckBox(box);
    m_patchTests = new QCheckBox(tr("Start the JSON Patch with test operations"), box);
    m_patchTests->setToolTip(
        tr("The server then refuses the patch if a value you change was changed meanwhile"));
    m_verify = new QCheckBox(tr("Verify with GET"), box);
    m_verify->setChecked(true);
    m_verify->setToolTip(tr("After the update, fetch the resource again and show what the "
                            "server actually did"));

    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kind);
    kindRow->addWidget(m_kindExplanation, 1);
    form->addRow(tr("Send as:"), kindRow);
    auto *checks = new QHBoxLayout;
    checks->addWidget(m_ifMatch);
    checks->addWidget(m_ifUnmodifiedSince);
    checks->addWidget(m_patchTests);
    checks->addStretch(1);
    checks->addWidget(m_verify);
    form->addRow(tr("Options:"), checks);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateKindExplanation();
        refresh();
    });
    for (QCheckBox *check : {m_ifMatch, m_ifUnmodifiedSince, m_patchTests})
        connect(check, &QCheckBox::toggled, this, &EditResourceDialog::refresh);
    updateKindExplanation();
    return box;
}

QWidget *EditResourceDialog::createVerifyPage()
{
    m_verifyPage = new QWidget(this);
    m_verifySummary = new QLabel(tr("Send the update with “Verify with GET” on to see what the "
                                    "server did."),
                                 m_verifyPage);
    m_verifySummary->setWordWrap(true);
    m_verifyTree = new QTreeWidget(m_verifyPage);
    m_verifyTree->setRootIsDecorated(false);
    m_verifyTree->setHeaderLabels(
        {tr("Field"), tr("What happened"), tr("Before"), tr("You asked for"), tr("Server has")});
    m_verifyTree->header()->setSectionResizeMode(QHeaderView::Interactive);
    auto *legend = new QLabel(m_verifyPage);
    legend->setWordWrap(true);
    legend->setTextFormat(Qt::RichText);
    QString html;
    for (int s = 0; s < 4; ++s) {
        html += QStringLiteral("<span style=\"color:%1\">■</span> <b>%2</b>: %3<br>")
                    .arg(verifyStatusColour(s).name(), verifyStatusText(s).toHtmlEscaped(),
                         verifyStatusExplanation(s).toHtmlEscaped());
    }
    legend->setText(html);
    auto *layout = new QVBoxLayout(m_verifyPage);
    layout->addWidget(m_verifySummary);
    layout->addWidget(m_verifyTree, 1);
    layout->addWidget(legend);
    return m_verifyPage;
}

QWidget *EditResourceDialog::createConflictPage()
{
    m_conflictPage = new QWidget(this);
    m_conflictLabel = new QLabel(
        tr("No conflict. If the server answers 412 Precondition Failed, the resource changed "
           "since you fetched it; this page then shows your original, their current version and "
           "yours."),
        m_conflictPage);
    m_conflictLabel->setWordWrap(true);
    m_conflictLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *split = new QSplitter(Qt::Horizontal, m_conflictPage);
    m_conflictOriginal = jsonView(split, true);
    m_theirsView = jsonView(split, true);
    m_yoursView = jsonView(split, true);
    split->addWidget(titled(tr("Original (what you fetched)"), m_conflictOriginal, split));
    split->addWidget(titled(tr("Theirs (the server now)"), m_theirsView, split));
    split->addWidget(titled(tr("Yours"), m_yoursView, split));
    m_reapply = new QPushButton(tr("Re-apply my change and retry"), m_conflictPage);
    m_reapply->setEnabled(false);
    auto *layout = new QVBoxLayout(m_conflictPage);
    layout->addWidget(m_conflictLabel);
    layout->addWidget(split, 1);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_reapply);
    layout->addLayout(row);
    return m_conflictPage;
}

void EditResourceDialog::setConfirmation(ConfirmFunction confirm)
{
    m_confirm = std::move(confirm);
}

UpdateKind EditResourceDialog::kind() const
{
    return UpdateKind(m_kind->currentData().toInt());
}

void EditResourceDialog::setKind(UpdateKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

QString EditResourceDialog::editedText() const
{
    return m_editor->text();
}

void EditResourceDialog::setEditedText(const QString &text)
{
    m_editor->setText(text);
}

void EditResourceDialog::setOriginal(const Core::JsonValue &original,
                                     const Core::Response &response)
{
    m_original = original;
    const bool ifMatchWasOff = !m_preconditions.etag.isEmpty() && !m_preconditions.sendIfMatch;
    m_preconditions = Core::preconditionsFrom(response);
    if (ifMatchWasOff && !m_preconditions.etag.isEmpty())
        m_preconditions.sendIfMatch = false; // the user switched it off: keep it off
    m_originalView->setText(QString::fromUtf8(Core::toJson(m_original)));
    updatePreconditionChecks();
}

void EditResourceDialog::updatePreconditionChecks()
{
    const QSignalBlocker blockMatch(m_ifMatch);
    const QSignalBlocker blockDate(m_ifUnmodifiedSince);
    const bool hasEtag = !m_preconditions.etag.isEmpty();
    m_ifMatch->setText(hasEtag ? tr("If-Match: %1").arg(m_preconditions.etag)
                               : tr("If-Match (the server sent no ETag)"));
    m_ifMatch->setEnabled(hasEtag);
    m_ifMatch->setChecked(m_preconditions.sendIfMatch);
    m_ifMatch->setToolTip(tr("Lost-update protection: the server refuses the update with 412 if "
                             "the resource changed since it was fetched"));
    const bool hasDate = !m_preconditions.lastModified.isEmpty();
    m_ifUnmodifiedSince->setText(
        hasDate ? tr("If-Unmodified-Since: %1").arg(m_preconditions.lastModified)
                : tr("If-Unmodified-Since (the server sent no Last-Modified)"));
    m_ifUnmodifiedSince->setEnabled(hasDate);
    m_ifUnmodifiedSince->setChecked(m_preconditions.sendIfUnmodifiedSince);
}

void EditResourceDialog::updateKindExplanation()
{
    QString text;
    switch (kind()) {
    case UpdateKind::Put:
        text = tr("Replaces the whole resource: fields you delete are deleted on the server.");
        break;
    case UpdateKind::MergePatch:
        text = tr("Sends only what changed; null deletes a field; arrays are sent whole (RFC "
                  "7396).");
        break;
    case UpdateKind::JsonPatch:
        text = tr("Sends a list of add/remove/replace operations; exact, also for arrays and "
                  "nulls (RFC 6902).");
        break;
    case UpdateKind::PlainPartial:
        text = tr("Sends the changed top-level fields whole, for servers that shallow-merge "
                  "(json-server); cannot delete fields.");
        break;
    }
    m_kindExplanation->setText(text);
    m_patchTests->setVisible(kind() == UpdateKind::JsonPatch);
}

void EditResourceDialog::scheduleRefresh()
{
    m_debounce.start();
}

Core::Result<Core::JsonValue> EditResourceDialog::parseEdited() const
{
    Core::Result<Core::JsonValue> parsed = Core::parseJson(m_editor->text().toUtf8());
    if (!parsed) {
        return Core::Error {parsed.error().code,
                            tr("Your version is not valid JSON: %1. Fix it to see the request.")
                                .arg(parsed.error().message)};
    }
    return parsed;
}

Core::Result<Core::UpdatePlan> EditResourceDialog::currentPlan() const
{
    if (!m_hasDocument)
        return Core::Error {QStringLiteral("no-document"),
                            tr("There is no JSON document to edit.")};
    Core::Result<Core::JsonValue> edited = parseEdited();
    if (!edited)
        return edited.error();
    Core::Preconditions pre = m_preconditions;
    pre.sendIfMatch = m_ifMatch->isEnabled() && m_ifMatch->isChecked();
    pre.sendIfUnmodifiedSince
        = m_ifUnmodifiedSince->isEnabled() && m_ifUnmodifiedSince->isChecked();
    Core::UpdateOptions options;
    options.jsonPatchTests = m_patchTests->isChecked();
    return Core::buildUpdateRequest(m_get, m_original, edited.value(), kind(), pre, options);
}

void EditResourceDialog::refresh()
{
    m_debounce.stop();
    if (!m_hasDocument) {
        m_warnings->setVisible(false);
        return;
    }
    m_preconditions.sendIfMatch = m_ifMatch->isChecked();
    m_preconditions.sendIfUnmodifiedSince = m_ifUnmodifiedSince->isChecked();
    DiffMarkers::markLineDiff(m_originalView, m_originalView->text(), m_editor, m_editor->text(),
                              LiveDiffMaxCells);
    const Core::Result<Core::UpdatePlan> plan = currentPlan();
    if (!plan) {
        m_editorMessage->setText(plan.error().message);
        m_preview->setText(QString());
        m_warnings->setVisible(false);
        m_send->setEnabled(false);
        m_openAsRequest->setEnabled(false);
        return;
    }
    const int changes = int(Core::diffJson(m_original, parseEdited().value()).size());
    m_editorMessage->setText(changes == 0 ? tr("No changes yet.")
                                          : tr("%n field(s) changed.", nullptr, changes));
    m_preview->setText(previewText(plan->request));
    QStringList lines;
    for (const Core::UpdateWarning &w : plan->warnings) {
        // "No changes yet" is already said under the editor; it only matters when sending.
        if (w.kind != Core::UpdateWarning::Kind::NothingChanged)
            lines.append(QStringLiteral("⚠ ") + w.message);
    }
    m_warnings->setText(lines.join(u'\n'));
    m_warnings->setVisible(!lines.isEmpty());
    m_send->setEnabled(!isBusy());
    m_openAsRequest->setEnabled(true);
}

void EditResourceDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

void EditResourceDialog::setAuthContext(const Core::AuthCall::Context &context)
{
    Q_ASSERT(context.client);
    m_context = context;
}

void EditResourceDialog::send()
{
    if (isBusy())
        return;
    refresh();
    const Core::Result<Core::UpdatePlan> plan = currentPlan();
    if (!plan) {
        setStatus(plan.error().message);
        return;
    }
    if (!plan->warnings.isEmpty()) {
        QStringList points;
        for (const Core::UpdateWarning &w : plan->warnings)
            points.append(w.message);
        if (m_confirm && !m_confirm(this, tr("Send this update?"), points))
            return;
    }
    m_sentOriginal = m_original;
    m_sentEdited = parseEdited().value();
    setStatus(tr("Sending %1…").arg(plan->request.method));
    startCall(plan->request, Purpose::Update);
}

void EditResourceDialog::startCall(const Core::Request &request, Purpose purpose)
{
    m_purpose = purpose;
    m_callRequest = request;
    m_call = Core::AuthCall::send(m_context, request);
    connect(m_call.get(), &Core::AuthCall::finished, this, &EditResourceDialog::onCallFinished);
    m_send->setEnabled(false);
    m_reapply->setEnabled(false);
}

void EditResourceDialog::onCallFinished(const Core::Response &response)
{
    // Released here and deleted later: we are inside the call's own signal.
    m_call.release()->deleteLater();
    emit exchangeFinished(m_callRequest, response);
    switch (m_purpose) {
    case Purpose::Update:
        onUpdateAnswered(response);
        break;
    case Purpose::Verify:
        onVerified(response);
        break;
    case Purpose::Refetch:
        onRefetched(response);
        break;
    }
    m_send->setEnabled(m_hasDocument && !isBusy() && currentPlan().ok());
}

void EditResourceDialog::onUpdateAnswered(const Core::Response &response)
{
    m_responseView->setText(QString::fromUtf8(response.body.readAll()));
    if (response.isError()) {
        setStatus(tr("The update was not sent: %1").arg(response.errorMessage));
        m_tabs->setCurrentWidget(m_responsePage);
        emit updateFinished(0);
        return;
    }
    const QString statusLine
        = QStringLiteral("%1 %2").arg(response.statusCode).arg(response.reason);
    if (response.statusCode == 412) {
        setStatus(tr("%1: the resource changed on the server since you fetched it, so the "
                     "update was refused and nothing was lost. Fetching the current version…")
                      .arg(statusLine));
        m_conflictLabel->setText(
            tr("The server answered 412 Precondition Failed: someone changed the resource after "
               "you fetched it (its ETag or date no longer matches). Fetching their version…"));
        m_tabs->setCurrentWidget(m_conflictPage);
        emit updateFinished(response.statusCode);
        startCall(Core::withoutPreconditions(m_get), Purpose::Refetch);
        return;
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
        setStatus(tr("%1: the server refused the update. Its answer is in the Response tab.")
                      .arg(statusLine));
        m_tabs->setCurrentWidget(m_responsePage);
        emit updateFinished(response.statusCode);
        return;
    }
    // The server took it: what we sent is the new baseline, and its new validators (if it sent
    // any) protect the next update.
    m_original = m_sentEdited;
    m_preconditions = Core::preconditionsFrom(response);
    m_originalView->setText(QString::fromUtf8(Core::toJson(m_original)));
    updatePreconditionChecks();
    refresh();
    if (m_verify->isChecked()) {
        setStatus(tr("%1. Verifying with GET…").arg(statusLine));
        startCall(Core::withoutPreconditions(m_get), Purpose::Verify);
        return;
    }
    setStatus(tr("%1: updated.").arg(statusLine));
    m_tabs->setCurrentWidget(m_responsePage);
    emit updateFinished(response.statusCode);
}

void EditResourceDialog::onVerified(const Core::Response &response)
{
    const Core::Result<Core::JsonValue> after = Core::parseJson(response.body.readAll());
    if (response.isError() || response.statusCode != 200 || !after) {
        const QString why = response.isError() ? response.errorMessage
            : response.statusCode != 200
            ? tr("the GET answered %1").arg(response.statusCode)
            : tr("the GET did not return JSON (%1)").arg(after.error().message);
        setStatus(tr("Updated, but the verify GET failed: %1.").arg(why));
        emit updateFinished(200);
        return;
    }
    m_verifyItems = Core::classifyVerify(m_sentOriginal, m_sentEdited, after.value());
    showVerify(m_verifyItems);
    // From now on the server's version is the baseline: left and right show it.
    setOriginal(after.value(), response);
    m_editor->setText(QString::fromUtf8(Core::toJson(m_original)));
    refresh();
    m_tabs->setCurrentWidget(m_verifyPage);
    emit updateFinished(200);
}

void EditResourceDialog::showVerify(const QList<Core::VerifyItem> &items)
{
    m_verifyTree->clear();
    int counts[4] = {0, 0, 0, 0};
    for (const Core::VerifyItem &item : items) {
        const int status = int(item.status);
        ++counts[status];
        auto *row = new QTreeWidgetItem(m_verifyTree);
        row->setText(0, pointerText(item.pointer));
        row->setText(1, verifyStatusText(status));
        row->setText(2, jsonText(item.original));
        row->setText(3,
                     item.status == Core::VerifyItem::Status::ServerOnly ? tr("(not changed)")
                                                                         : jsonText(item.intended));
        row->setText(4, jsonText(item.actual));
        row->setData(1, Qt::UserRole, status);
        row->setToolTip(1, verifyStatusExplanation(status));
        QColor tint = verifyStatusColour(status);
        tint.setAlpha(50);
        for (int c = 0; c < 5; ++c)
            row->setBackground(c, tint);
        row->setForeground(1, verifyStatusColour(status));
    }
    for (int c = 0; c < 5; ++c)
        m_verifyTree->resizeColumnToContents(c);
    using S = Core::VerifyItem::Status;
    if (items.isEmpty()) {
        m_verifySummary->setText(tr("The server has exactly the original: nothing changed."));
    } else if (counts[int(S::Applied)] == items.size()) {
        m_verifySummary->setText(
            tr("The server applied all %n change(s) as you asked.", nullptr, int(items.size())));
    } else {
        m_verifySummary->setText(
            tr("Applied: %1. Changed by the server only: %2. Ignored: %3. Different value: %4.")
                .arg(counts[int(S::Applied)])
                .arg(counts[int(S::ServerOnly)])
                .arg(counts[int(S::Ignored)])
                .arg(counts[int(S::Different)]));
    }
    setStatus(tr("Updated and verified. See the Verify tab for what the server did."));
}

void EditResourceDialog::onRefetched(const Core::Response &response)
{
    const Core::Result<Core::JsonValue> theirs = Core::parseJson(response.body.readAll());
    if (response.isError() || response.statusCode != 200 || !theirs) {
        m_hasTheirs = false;
        m_conflictLabel->setText(
            tr("The update was refused with 412, and fetching the current version failed too "
               "(%1). Close this dialog and fetch the resource again.")
                .arg(response.isError() ? response.errorMessage
                                        : QString::number(response.statusCode)));
        return;
    }
    m_theirs = theirs.value();
    m_theirsResponse = response;
    m_hasTheirs = true;
    m_conflictOriginal->setText(QString::fromUtf8(Core::toJson(m_sentOriginal)));
    m_theirsView->setText(QString::fromUtf8(Core::toJson(m_theirs)));
    m_yoursView->setText(QString::fromUtf8(Core::toJson(m_sentEdited)));
    DiffMarkers::install(m_theirsView);
    DiffMarkers::install(m_yoursView);
    DiffMarkers::install(m_conflictOriginal);
    DiffMarkers::markLineDiff(m_conflictOriginal, m_conflictOriginal->text(), m_theirsView,
                              m_theirsView->text(), LiveDiffMaxCells);
    DiffMarkers::markLineDiff(m_conflictOriginal, m_conflictOriginal->text(), m_yoursView,
                              m_yoursView->text(), LiveDiffMaxCells);
    DiffMarkers::clear(m_conflictOriginal);

    const Core::Result<Core::RebaseResult> rebased
        = Core::rebaseEdit(m_sentOriginal, m_sentEdited, m_theirs);
    QString detail;
    if (!rebased) {
        detail = rebased.error().message;
    } else if (rebased->conflicts.isEmpty()) {
        detail = tr("Your change and theirs touch different fields: re-applying yours onto their "
                    "version keeps both.");
    } else {
        QStringList places;
        for (const Core::RebaseConflict &c : rebased->conflicts)
            places.append(pointerText(c.pointer));
        detail = tr("You both changed %1. Re-applying keeps your value there and theirs "
                    "everywhere else.")
                     .arg(places.join(QLatin1String(", ")));
    }
    m_conflictLabel->setText(
        tr("The server answered 412 Precondition Failed: someone changed the resource after you "
           "fetched it, so your update was not applied. Compare the three versions below. %1")
            .arg(detail));
    m_reapply->setEnabled(rebased.ok());
    setStatus(tr("412 Precondition Failed: see the Conflict tab."));
}

void EditResourceDialog::reapplyAndRetry()
{
    if (!m_hasTheirs || isBusy())
        return;
    const Core::Result<Core::RebaseResult> rebased
        = Core::rebaseEdit(m_sentOriginal, m_sentEdited, m_theirs);
    if (!rebased) {
        m_conflictLabel->setText(rebased.error().message);
        return;
    }
    if (!rebased->conflicts.isEmpty()) {
        QStringList points;
        for (const Core::RebaseConflict &c : rebased->conflicts) {
            points.append(tr("%1: original %2, theirs %3, yours %4 (yours will be sent)")
                              .arg(pointerText(c.pointer), jsonText(c.original), jsonText(c.theirs),
                                   jsonText(c.yours)));
        }
        if (m_confirm && !m_confirm(this, tr("Overwrite their changes?"), points))
            return;
    }
    // Their version becomes the original, with its validators, and yours is re-applied on it.
    setOriginal(m_theirs, m_theirsResponse);
    m_hasTheirs = false;
    m_editor->setText(QString::fromUtf8(Core::toJson(rebased->merged)));
    refresh();
    send();
}

} // namespace Patchbay::Ui
