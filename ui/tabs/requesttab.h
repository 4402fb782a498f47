#pragma once

#include "core/collections/draftstore.h"
#include "core/collections/savedrequest.h"
#include "core/http/request.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QFrame;
class QLabel;
class QSplitter;

namespace Patchbay::Core {
class AuthCall;
class EventStreamSession;
class GraphQlSubscription;
class VariableContext;
class HttpClient;
struct Response;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class AuthServices;
class EventStreamView;
class RequestEditor;
class ResponseViewer;
class TestsEditor;
class WebSocketPanel;

// One open request: its editor and its last response side by side, the file it edits with the
// saved request as last loaded or saved (the baseline that tells what is unsaved), the exchange
// in flight, and a bar shown when the file changed on disk under unsaved edits.
class RequestTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestTab)

public:
    // A new id is made when `id` is empty; ids name the tab's draft file.
    explicit RequestTab(const QString &id = {}, QWidget *parent = nullptr);
    ~RequestTab() override;

    QString id() const { return m_id; }
    RequestEditor *editor() const { return m_editor; }
    // The Tests tab: the request file's assertions and captures, and their last results.
    TestsEditor *testsEditor() const { return m_tests; }
    ResponseViewer *viewer() const { return m_viewer; }
    QSplitter *splitter() const { return m_splitter; }
    // The response beside the request when the user prefers it and the tab is wide enough for
    // both; below it otherwise (a narrow window stays usable down to 800x600).
    void setPreferSideBySide(bool sideBySide);
    bool isSideBySide() const;
    QFrame *conflictBar() const { return m_conflictBar; }

    // The request file this tab edits, "" when it was never saved.
    QString path() const { return m_path; }
    bool isSaved() const { return !m_path.isEmpty(); }
    const Core::SavedRequest &baseline() const { return m_baseline; }
    // The request as the file held it when last loaded or saved: what an external change is
    // compared with.
    const Core::SavedRequest &onDisk() const { return m_onDisk; }
    // The baseline with the editor's request and the Tests tab's rows: what Save writes.
    Core::SavedRequest savedRequest() const;

    // Shows a saved request: editor and baseline; drops a pending conflict.
    void openSaved(const QString &path, const Core::SavedRequest &saved);
    // After a save, rename or move: the file and baseline change, the editor keeps its content.
    void setBaseline(const QString &path, const Core::SavedRequest &saved);
    // The file is gone: the tab becomes an unsaved request with its edits kept.
    void detachFromFile();
    // Shows a new, unsaved request.
    void openUnsaved(const Core::Request &request);

    // What the draft file keeps; restoreDraft() puts it back (the id stays this tab's).
    Core::Draft draft() const;
    void restoreDraft(const Core::Draft &draft);

    // Saved: the editor differs from the file. Unsaved: the editor holds anything at all.
    bool isDirty() const;
    // Unsaved, empty and idle: opening something may reuse this tab. Empty means as a new
    // request starts (Preferences::newRequest(): the chosen timeout, redirects and TLS).
    bool isPristine() const;
    // A pristine tab takes the current defaults for new requests (they were just changed).
    void applyNewRequestDefaults();
    QString title() const; // the request's name, or "METHOD url" when unsaved
    QString method() const;
    // Title, method and dirty state from one read of the editor (large bodies make each read
    // cost a copy).
    struct Summary
    {
        QString title;
        QString method;
        bool dirty = false;
    };
    Summary summary() const;

    // The file changed on disk while this tab has unsaved edits: the bar offers Keep mine,
    // Load theirs and Compare. Nothing is overwritten until the user picks.
    void showConflict(const Core::SavedRequest &theirs);
    bool hasConflict() const { return m_theirs.has_value(); }
    // Keep the editor's content; the next save writes it over theirs.
    void keepMine();
    void loadTheirs();
    // Both versions as request-file text, mine first.
    QPair<QString, QString> conflictTexts() const;

    // Owns the exchange until it finishes; one at a time per tab. A `text/event-stream`
    // response is shown live in an EventStreamView in place of the viewer, until Stop (cancel())
    // or its end, and then until the next send.
    // `secretValues`: of the secret variables `resolved` used (dropped on cross-origin redirects).
    void send(Core::HttpClient *client, const Core::Request &resolved,
              const QStringList &secretValues = {});
    void cancel();
    bool isBusy() const;
    // The stream shown in place of the viewer, null when none (for tests).
    EventStreamView *streamView() const { return m_streamView; }
    // A WebSocket request's connection, log and composer, in place of the viewer (null for
    // other kinds). send() connects it.
    WebSocketPanel *webSocketPanel() const { return m_webSocket; }
    // Replaces {{variables}} in the messages a WebSocket request sends after send() (the
    // window's send path gives it the request's scopes).
    void setMessageResolver(std::function<QString(const QString &)> resolver);
    // For OAuth 2.0 sends and the Auth tab (tokens, inheritance); not owned, may be null.
    void setAuthServices(AuthServices *services);
    // The tokens the last OAuth 2.0 exchange used: history redacts them (a server may echo the
    // Authorization header back).
    QStringList authSecrets() const { return m_authSecrets; }

    // Evaluates the Tests tab's assertions and captures on `response` and shows the results
    // (the tab title says how many failed). `variables` resolves {{names}} in expected values.
    // Returns what the captures took from the response.
    // `specCheck` answers `matches-spec` assertions (Core::SpecCheck).
    QList<Core::CaptureResult> showTestResults(const Core::Response &response,
                                               const Core::VariableContext *variables = nullptr,
                                               const Core::SpecCheck &specCheck = {});
    const QList<Core::AssertionResult> &lastTestResults() const { return m_lastResults; }

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    // Title, dirty, busy or conflict state changed.
    void stateChanged();
    void exchangeFinished(const Patchbay::Core::Request &sent,
                          const Patchbay::Core::Response &response);
    // A WebSocket request's connection opened (`url` as sent), `elapsedMs` after it started.
    void webSocketOpened(const QString &url, qint64 elapsedMs);
    // The response turned out to be an event stream, or a GraphQL subscription started: what to
    // tell the user while it lasts ("Streaming events from …").
    void streamStarted(const QString &text);

private:
    QFrame *createConflictBar();
    QString titleFor(const Core::Request &request) const;
    bool isDirty(const Core::Request &request) const;
    void onCallFinished(const Core::Response &response);
    void onHead(const Core::Response &head);
    void onStreamFinished(const Core::Response &response);
    void removeStreamView();
    // Puts a new stream view in the response viewer's place.
    void showStreamView(qsizetype maxEvents);
    void sendSubscription(Core::HttpClient *client, const Core::Request &resolved);
    void onSubscriptionFinished(const Core::Response &response);
    void updateKindView();
    void sendWebSocket(Core::HttpClient *client, const Core::Request &resolved);
    void onWebSocketStateChanged();
    QString displayMethod(const Core::Request &request) const;
    void updateAuthContext();
    void showTests(const Core::SavedRequest &saved);
    bool testsDiffer() const;
    void updateTestsTitle();
    void showCompareDialog();
    void updateOrientation();

    QString m_id;
    QString m_path;
    Core::Request m_blank; // what a new request holds, for isDirty() and isPristine()
    Core::SavedRequest m_baseline; // m_onDisk with the request as the editor gives it back
    Core::SavedRequest m_onDisk;
    QList<Core::AssertionResult> m_lastResults;
    std::optional<Core::SavedRequest> m_theirs; // the file's content during a conflict
    std::unique_ptr<Core::AuthCall> m_call; // owned: the exchange in flight, if any
    std::unique_ptr<Core::EventStreamSession> m_stream; // owned: an event stream in flight
    std::unique_ptr<Core::GraphQlSubscription> m_subscription; // owned: a GraphQL subscription
    Core::Request m_sent; // what the exchange in flight sends (for a stream's history entry)
    QPointer<Core::HttpClient> m_client; // not owned; the last send's, for a stream's reconnects
    bool m_streamReconnect = false; // the stream view's Reconnect box, kept for the next stream
    AuthServices *m_authServices = nullptr; // not owned
    QStringList m_authSecrets;

    QFrame *m_conflictBar; // owned (child)
    QLabel *m_conflictText; // owned (child)
    QSplitter *m_splitter; // owned (child)
    RequestEditor *m_editor; // owned (child)
    ResponseViewer *m_viewer; // owned (child)
    EventStreamView *m_streamView = nullptr; // owned (child), in the viewer's place
    WebSocketPanel *m_webSocket = nullptr; // owned (child), in the viewer's place
    std::function<QString(const QString &)> m_messageResolver;
    TestsEditor *m_tests; // owned (child of the editor's tabs)
    int m_testsPage = -1;
    bool m_preferSideBySide = true;
};

} // namespace Patchbay::Ui
