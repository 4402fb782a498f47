#pragma once

#include "core/auth/authcall.h"
#include "core/common/result.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/json/jsonvalue.h"
#include "core/update/jsonchanges.h"
#include "core/update/updateplan.h"

#include <QDialog>
#include <QTimer>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace Patchbay::Core {
class HttpClient;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class CodeView;

// The update workbench: the resource as the GET returned it on the left (read-only), an editable
// copy on the right with live diff markers, a choice of PUT / merge patch / JSON Patch / plain
// partial PATCH, a preview of the request, lost-update protection (If-Match), a verify GET with a
// classified diff, and the 412 flow (re-fetch, original / theirs / yours, re-apply and retry).
class EditResourceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditResourceDialog)

public:
    static constexpr int DiffDebounceMs = 200;
    // Live markers align at most this many line pairs; larger edits are marked coarsely.
    static constexpr qint64 LiveDiffMaxCells = 1'000'000;

    // `get` is the request that fetched `response` (its URL, auth and headers are reused).
    EditResourceDialog(QNetworkAccessManager *network, const Core::Request &get,
                       const Core::Response &response, QWidget *parent = nullptr); // not owned
    ~EditResourceDialog() override;

    // Asks before sending despite warnings, and before retrying with conflicts. The default
    // shows a QMessageBox; tests inject an answer.
    using ConfirmFunction
        = std::function<bool(QWidget *parent, const QString &title, const QStringList &points)>;
    void setConfirmation(ConfirmFunction confirm);
    // How the GETs and the update are authorised: the window passes its OAuth 2.0 tokens and
    // Digest session, so they go out with the auth the user set, as Send sends them. By
    // default with the dialog's own client.
    void setAuthContext(const Core::AuthCall::Context &context);

    bool hasDocument() const { return m_hasDocument; }
    Core::UpdateKind kind() const;
    void setKind(Core::UpdateKind kind);
    // The edited document as the user typed it; `text` replaces it.
    QString editedText() const;
    void setEditedText(const QString &text);
    // The plan for the current edit and options (an error for invalid JSON, with line:col).
    Core::Result<Core::UpdatePlan> currentPlan() const;
    const Core::JsonValue &original() const { return m_original; }
    const QList<Core::VerifyItem> &verifyItems() const { return m_verifyItems; }
    bool isBusy() const { return m_call != nullptr; }

    // Sends the update (asks first when the plan has warnings).
    void send();
    // After a 412 and the re-fetch: re-applies your change onto theirs and sends again.
    void reapplyAndRetry();

    // Parts, for tests.
    CodeView *originalView() const { return m_originalView; }
    CodeView *editor() const { return m_editor; }
    QComboBox *kindCombo() const { return m_kind; }
    QCheckBox *ifMatchCheck() const { return m_ifMatch; }
    QCheckBox *ifUnmodifiedSinceCheck() const { return m_ifUnmodifiedSince; }
    QCheckBox *verifyCheck() const { return m_verify; }
    QCheckBox *jsonPatchTestsCheck() const { return m_patchTests; }
    CodeView *previewView() const { return m_preview; }
    QLabel *warningBanner() const { return m_warnings; }
    QLabel *editorMessage() const { return m_editorMessage; }
    QLabel *statusLabel() const { return m_status; }
    QTabWidget *tabs() const { return m_tabs; }
    QWidget *verifyPage() const { return m_verifyPage; }
    QTreeWidget *verifyTree() const { return m_verifyTree; }
    QWidget *conflictPage() const { return m_conflictPage; }
    QLabel *conflictLabel() const { return m_conflictLabel; }
    CodeView *theirsView() const { return m_theirsView; }
    QPushButton *reapplyButton() const { return m_reapply; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *openAsRequestButton() const { return m_openAsRequest; }

signals:
    // Every exchange the dialog makes (update, verify GET, re-fetch), for history.
    void exchangeFinished(const Patchbay::Core::Request &sent,
                          const Patchbay::Core::Response &response);
    void openAsRequestRequested(const Patchbay::Core::Request &request);
    // The update was answered (any status) and, when asked for, verified.
    void updateFinished(int statusCode);

private:
    enum class Purpose { Update, Verify, Refetch };

    QWidget *createEditors();
    QWidget *createOptions();
    void describeControls(QDialogButtonBox *buttons);
    QWidget *createVerifyPage();
    QWidget *createConflictPage();
    void setOriginal(const Core::JsonValue &original, const Core::Response &response);
    void updatePreconditionChecks();
    void scheduleRefresh();
    void refresh();
    void updateKindExplanation();
    void startCall(const Core::Request &request, Purpose purpose);
    void onCallFinished(const Core::Response &response);
    void onUpdateAnswered(const Core::Response &response);
    void onVerified(const Core::Response &response);
    void onRefetched(const Core::Response &response);
    void showVerify(const QList<Core::VerifyItem> &items);
    void setStatus(const QString &text);
    Core::Result<Core::JsonValue> parseEdited() const;

    Core::Request m_get;
    Core::JsonValue m_original;
    Core::Preconditions m_preconditions;
    bool m_hasDocument = false;
    std::unique_ptr<Core::HttpClient> m_client; // owned
    Core::AuthCall::Context m_context;
    std::unique_ptr<Core::AuthCall> m_call; // owned
    Purpose m_purpose = Purpose::Update;
    Core::Request m_callRequest;
    Core::JsonValue m_sentOriginal; // baseline of the update in flight
    Core::JsonValue m_sentEdited; // what the user asked for
    Core::JsonValue m_theirs; // the server's version after a 412
    Core::Response m_theirsResponse;
    bool m_hasTheirs = false;
    QList<Core::VerifyItem> m_verifyItems;
    ConfirmFunction m_confirm;
    QTimer m_debounce;

    CodeView *m_originalView = nullptr; // owned (child)
    CodeView *m_editor = nullptr; // owned (child)
    QLabel *m_editorMessage = nullptr; // owned (child)
    QComboBox *m_kind = nullptr; // owned (child)
    QLabel *m_kindExplanation = nullptr; // owned (child)
    QCheckBox *m_ifMatch = nullptr; // owned (child)
    QCheckBox *m_ifUnmodifiedSince = nullptr; // owned (child)
    QCheckBox *m_patchTests = nullptr; // owned (child)
    QCheckBox *m_verify = nullptr; // owned (child)
    QLabel *m_warnings = nullptr; // owned (child)
    QTabWidget *m_tabs = nullptr; // owned (child)
    CodeView *m_preview = nullptr; // owned (child)
    QWidget *m_responsePage = nullptr; // owned (child)
    CodeView *m_responseView = nullptr; // owned (child)
    QWidget *m_verifyPage = nullptr; // owned (child)
    QTreeWidget *m_verifyTree = nullptr; // owned (child)
    QLabel *m_verifySummary = nullptr; // owned (child)
    QWidget *m_conflictPage = nullptr; // owned (child)
    QLabel *m_conflictLabel = nullptr; // owned (child)
    CodeView *m_conflictOriginal = nullptr; // owned (child)
    CodeView *m_theirsView = nullptr; // owned (child)
    CodeView *m_yoursView = nullptr; // owned (child)
    QPushButton *m_reapply = nullptr; // owned (child)
    QLabel *m_status = nullptr; // owned (child)
    QPushButton *m_send = nullptr; // owned (child)
    QPushButton *m_openAsRequest = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
