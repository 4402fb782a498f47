#include "ui/common/preferences.h"

#include "core/history/historyentry.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QSettings>

#include <algorithm>
#include <utility>

namespace Patchbay::Ui {

namespace {

const QLatin1String keyTheme("preferences/theme");
const QLatin1String keyFontFamily("preferences/editorFontFamily");
const QLatin1String keyFontSize("preferences/editorFontSize");
const QLatin1String keyZoom("preferences/zoom");
const QLatin1String keyTimeout("preferences/newRequests/timeoutMs");
const QLatin1String keyRedirects("preferences/newRequests/followRedirects");
const QLatin1String keyVerifyTls("preferences/newRequests/verifyTls");
const QLatin1String keyHistoryEntries("preferences/history/maxEntries");
const QLatin1String keyHistoryDays("preferences/history/maxDays");
const QLatin1String keyHistoryBodies("preferences/history/keepBodies");
const QLatin1String keyStreamEvents("preferences/streams/maxEvents");
const QLatin1String keyRestoreTabs("preferences/start/restoreTabs");
const QLatin1String keySandbox("preferences/start/sandbox");

QString themeName(ThemeChoice theme)
{
    switch (theme) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

QString sandboxName(SandboxAtStart sandbox)
{
    switch (sandbox) {
    case SandboxAtStart::Always:
        return QStringLiteral("always");
    case SandboxAtStart::Never:
        return QStringLiteral("never");
    case SandboxAtStart::AsLeft:
        break;
    }
    return QStringLiteral("as-left");
}

} // namespace

Preferences::Preferences(QObject *parent)
    : QObject(parent)
{
    reload();
}

Preferences *Preferences::instance()
{
    static Preferences *preferences = new Preferences(QCoreApplication::instance()); // owned by
                                                                                     // the app
    return preferences;
}

PreferenceValues Preferences::load(QSettings &settings)
{
    PreferenceValues v;
    const QString theme = settings.value(keyTheme).toString();
    v.theme = theme == QLatin1String("light") ? ThemeChoice::Light
        : theme == QLatin1String("dark")      ? ThemeChoice::Dark
                                              : ThemeChoice::System;
    v.editorFontFamily = settings.value(keyFontFamily).toString();
    v.editorFontSize = std::clamp(settings.value(keyFontSize, 0).toInt(), 0, 72);
    v.zoom = std::clamp(settings.value(keyZoom, 0).toInt(), MinZoom, MaxZoom);
    v.timeoutMs = std::max(0, settings.value(keyTimeout, v.timeoutMs).toInt());
    v.followRedirects = settings.value(keyRedirects, v.followRedirects).toBool();
    v.verifyTls = settings.value(keyVerifyTls, v.verifyTls).toBool();
    v.historyMaxEntries
        = std::max(0, settings.value(keyHistoryEntries, v.historyMaxEntries).toInt());
    v.historyMaxDays = std::max(0, settings.value(keyHistoryDays, v.historyMaxDays).toInt());
    v.historyKeepBodies = settings.value(keyHistoryBodies, v.historyKeepBodies).toBool();
    v.streamMaxEvents = std::clamp(settings.value(keyStreamEvents, v.streamMaxEvents).toInt(),
                                   MinStreamEvents, MaxStreamEvents);
    v.restoreTabs = settings.value(keyRestoreTabs, v.restoreTabs).toBool();
    const QString sandbox = settings.value(keySandbox).toString();
    v.sandboxAtStart = sandbox == QLatin1String("always") ? SandboxAtStart::Always
        : sandbox == QLatin1String("never")               ? SandboxAtStart::Never
                                                          : SandboxAtStart::AsLeft;
    return v;
}

void Preferences::save(QSettings &settings, const PreferenceValues &v)
{
    settings.setValue(keyTheme, themeName(v.theme));
    settings.setValue(keyFontFamily, v.editorFontFamily);
    settings.setValue(keyFontSize, v.editorFontSize);
    settings.setValue(keyZoom, v.zoom);
    settings.setValue(keyTimeout, v.timeoutMs);
    settings.setValue(keyRedirects, v.followRedirects);
    settings.setValue(keyVerifyTls, v.verifyTls);
    settings.setValue(keyHistoryEntries, v.historyMaxEntries);
    settings.setValue(keyHistoryDays, v.historyMaxDays);
    settings.setValue(keyHistoryBodies, v.historyKeepBodies);
    settings.setValue(keyStreamEvents, v.streamMaxEvents);
    settings.setValue(keyRestoreTabs, v.restoreTabs);
    settings.setValue(keySandbox, sandboxName(v.sandboxAtStart));
}

void Preferences::reload()
{
    QSettings settings;
    setValues(load(settings));
}

void Preferences::setValues(const PreferenceValues &values)
{
    PreferenceValues clamped = values;
    clamped.zoom = std::clamp(clamped.zoom, MinZoom, MaxZoom);
    clamped.streamMaxEvents = std::clamp(clamped.streamMaxEvents, MinStreamEvents, MaxStreamEvents);
    {
        QSettings settings;
        save(settings, clamped);
    }
    if (clamped == m_values)
        return;
    const QFont before = editorFont();
    const PreferenceValues previous = std::exchange(m_values, clamped);
    emit changed(previous, m_values);
    const QFont after = editorFont();
    if (after != before)
        emit editorFontChanged(after);
}

QFont Preferences::editorFont() const
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (!m_values.editorFontFamily.isEmpty())
        font.setFamily(m_values.editorFontFamily);
    const qreal base = m_values.editorFontSize > 0 ? m_values.editorFontSize : font.pointSizeF();
    font.setPointSizeF(std::max(4.0, base + m_values.zoom));
    return font;
}

void Preferences::zoomIn()
{
    PreferenceValues v = m_values;
    v.zoom = std::min(MaxZoom, v.zoom + 1);
    setValues(v);
}

void Preferences::zoomOut()
{
    PreferenceValues v = m_values;
    v.zoom = std::max(MinZoom, v.zoom - 1);
    setValues(v);
}

void Preferences::resetZoom()
{
    PreferenceValues v = m_values;
    v.zoom = 0;
    setValues(v);
}

Core::Request Preferences::newRequest() const
{
    Core::Request request;
    request.settings.timeoutMs = m_values.timeoutMs;
    request.settings.followRedirects = m_values.followRedirects;
    request.settings.verifyTls = m_values.verifyTls;
    return request;
}

qint64 Preferences::historyBodyCap() const
{
    return m_values.historyKeepBodies ? Core::DefaultHistoryBodyCap : 0;
}

} // namespace Patchbay::Ui
