#pragma once

#include "core/http/request.h"
#include "ui/request/requestbar.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QKeyEvent;
class QTabWidget;
class QTimer;

namespace Patchbay::Ui {

class GraphQlEditor;
class AuthEditor;
class KeyValueModel;
class KeyValueTableView;
class RequestBodyPane;
class RequestHeadersPane;
class RequestNetworkOptions;
class RequestSettingsPane;
class UrlLineEdit;
class WebSocketRequestPage;

// Edits one Core::Request: method, URL (a pasted curl command fills everything), and tabs for
// params, headers, body, auth and settings. With the focus anywhere inside, Ctrl+Return (or
// Ctrl+Enter) sends, Esc cancels while busy and Ctrl+Shift+F formats the JSON body; these keys
// win over window shortcuts bound to the same keys, which then act outside the editor only.
//
// Params and the URL's query are one thing shown twice: typing in the URL updates the table and
// editing the table rewrites the URL's query. request() returns the URL WITHOUT its query and
// every row (enabled or not) in `params`, because disabled rows cannot live in a URL; core
// appends the enabled rows when sending. So setRequest(r); request() == r holds for any r whose
// URL has no query (which is every request that request() returns). A query in a URL given to
// setRequest() becomes enabled rows ahead of r.params. In the URL text, '+' reads as a space
// (ui/request/urlquery.h).
//
// The method, URL and Send row is a RequestBar; the Headers, Body and Settings tabs are panes
// of their own (RequestHeadersPane, RequestBodyPane, RequestSettingsPane). The editor keeps the
// URL and Params in step, and switches between the http and the WebSocket pages.
class RequestEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestEditor)

public:
    explicit RequestEditor(QWidget *parent = nullptr);
    ~RequestEditor() override;

    Core::Request request() const;
    // Shows `request`; does not emit requestChanged().
    void setRequest(const Core::Request &request);

    // Adds a page after the built-in tabs (the Tests tab, which edits what the request file
    // holds beside the request). Returns its index; setPageTitle() renames it.
    int addPage(QWidget *page, const QString &title);
    void setPageTitle(int index, const QString &title);

    void focusUrl();
    // Pretty-prints a valid JSON body (Ctrl+Shift+F in the body editor).
    void formatBody();
    // When the body is JSON and does not parse, asks whether to send anyway. True to send.
    bool confirmSendIfInvalid();
    // While busy, Send becomes Cancel and Esc cancels.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    // A WebSocket request's connection, as its one Connect button shows it: Connect,
    // Connecting… (a click gives up), Disconnect, Disconnecting… (disabled). Busy unless Closed.
    using Connection = RequestBar::Connection;
    void setConnection(Connection connection);
    Connection connection() const { return m_connection; }
    // The network part of the Settings tab (proxy, certificates, cookies).
    RequestNetworkOptions *networkOptions() const;

    // "WS" in the method list: the request is a WebSocket request (Core::RequestKind).
    static QString webSocketMethod() { return QStringLiteral("WS"); }
    bool isWebSocket() const;
    // The Messages tab of a WebSocket request: subprotocols and saved messages.
    WebSocketRequestPage *webSocketPage() const { return m_webSocketPage; }

    // Where a method name is drawn in (for lists elsewhere that want the same colours).
    static QColor methodColor(const QString &method, const QPalette &palette);

    // How `{{name}}` resolves for this request (its scopes and the active environment): the
    // URL, params, headers, body and auth fields highlight their variables with it. Call again
    // when the scopes or the environment change.
    void setVariableLookup(VariableLookup lookup);

    // The GraphQL body mode's page (ui/graphql): schema fetching and the schema folder are
    // wired to it by SendController.
    GraphQlEditor *graphQlEditor() const;
    // The Auth tab (ui/auth): RequestTab gives it the request's path and the auth services.
    AuthEditor *authEditor() const { return m_auth; }
    // Shows a dismissable notice above the tabs (e.g. what an OAuth 2.0 send had to say).
    void showAuthNotice(const QString &text) { showNotice(text, true); }

signals:
    void sendRequested();
    void cancelRequested();
    // The user changed something (not emitted by setRequest()).
    void requestChanged();
    // The request became a WebSocket request or stopped being one (also from setRequest()).
    void kindChanged();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class KeyAction { None, Send, Cancel, Format };
    KeyAction keyActionFor(const QKeyEvent *event) const;

    enum Tab { ParamsTab, HeadersTab, BodyTab, AuthTab, SettingsTab };

    QWidget *createTopRow();
    QWidget *createParamsTab();
    QWidget *createAuthTab();

    void onUrlEdited(const QString &text);
    void onParamsEdited();
    void onCurlPasted(const QString &command);
    void onSendClicked();
    void onEdited();
    void updateKind();
    void describeControls();
    void updateTabTitles();
    void refreshAutomaticHeaders();
    void scheduleAutomaticHeaders();
    void showNotice(const QString &text, bool warning);

    Core::Request m_base; // fields the editor does not show, kept from setRequest()
    QString m_lastUrlText; // to tell a paste from typing
    bool m_busy = false;
    Connection m_connection = Connection::Closed;
    bool m_loading = false; // setRequest() in progress: no requestChanged()

    RequestBar *m_bar = nullptr; // owned (child)
    QComboBox *m_method = nullptr; // the bar's
    UrlLineEdit *m_url = nullptr; // the bar's
    QFrame *m_notice = nullptr; // owned (child)
    QLabel *m_noticeText = nullptr; // owned (child)
    QFrame *m_tlsBanner = nullptr; // owned (child)
    QTabWidget *m_tabs = nullptr; // owned (child)

    KeyValueModel *m_paramsModel = nullptr; // owned (child)
    KeyValueTableView *m_paramsView = nullptr; // owned (child)
    RequestHeadersPane *m_headers = nullptr; // owned (child)
    QTimer *m_automaticHeadersTimer = nullptr; // owned (child)
    RequestBodyPane *m_body = nullptr; // owned (child)
    AuthEditor *m_auth = nullptr; // owned (child)
    RequestSettingsPane *m_settings = nullptr; // owned (child)
    WebSocketRequestPage *m_webSocketPage = nullptr; // owned (child)
    int m_webSocketTab = -1;
};

} // namespace Patchbay::Ui
