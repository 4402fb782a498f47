#include "ui/response/timingchart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace Patchbay::Ui {

namespace {

constexpr int kRowHeight = 30;
constexpr int kMargin = 16;
constexpr int kAxisHeight = 28;

QString formatMs(double ms)
{
    if (ms >= 1000)
        return TimingChart::tr("%1 s").arg(QLocale().toString(ms / 1000, 'f', 2));
    return TimingChart::tr("%1 ms").arg(QLocale().toString(ms, 'f', ms < 10 ? 2 : 1));
}

QColor phaseColor(int index, const QPalette &palette)
{
    const QColor highlight = palette.color(QPalette::Highlight);
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    // Hues around the palette's accent, one per phase.
    static constexpr int offsets[] = {160, 200, 40, 0, 100};
    const int hue = (std::max(highlight.hsvHue(), 0) + offsets[index % 5]) % 360;
    return QColor::fromHsv(hue, dark ? 150 : 190, dark ? 230 : 200);
}

double niceStep(double total)
{
    const double raw = total / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-3))));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (raw <= m * magnitude)
            return m * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

TimingChart::TimingChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timingChart"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

TimingChart::~TimingChart() = default;

QList<TimingChart::Phase> TimingChart::phasesFor(const Core::Timing &t, const QString &proxy)
{
    const auto observed = [](double a, double b) { return a >= 0 && b >= 0 && b >= a; };
    QList<Phase> phases;

    Phase connect {proxy.isEmpty() ? tr("Connect") : tr("Connect to proxy"), -1, -1, false, {}};
    if (t.connectStart >= 0) {
        connect.start = t.connectStart;
        connect.end = t.tlsDone >= 0 ? t.tlsDone : t.requestSent;
        connect.observed = observed(connect.start, connect.end);
        if (!proxy.isEmpty())
            connect.note = t.tlsDone >= 0
                ? tr("TCP to %1, the tunnel to the server and the TLS handshake").arg(proxy)
                : tr("TCP to %1").arg(proxy);
        else
            connect.note = t.tlsDone >= 0 ? tr("DNS, TCP and TLS handshake") : tr("DNS and TCP");
    } else {
        connect.note = tr("not observed: connection reused");
    }
    phases.append(connect);

    Phase tls {tr("TLS"), -1, -1, false, {}};
    if (t.tlsDone >= 0) {
        // Qt reports when the handshake is done, not when it started: a marker, not a bar.
        tls.start = t.tlsDone;
        tls.end = t.tlsDone;
        tls.observed = true;
        tls.note = tr("handshake done at %1 (included in Connect)").arg(formatMs(t.tlsDone));
    } else {
        tls.note = t.connectStart >= 0 ? tr("not used: plain HTTP")
                                       : tr("not observed: connection reused");
    }
    phases.append(tls);

    Phase send {tr("Request sent"), -1, -1, false, {}};
    const double afterSpans = t.before.isEmpty() ? 0 : std::max(t.before.last().end, 0.0);
    send.start = t.tlsDone >= 0 ? t.tlsDone : (t.connectStart >= 0 ? t.requestSent : afterSpans);
    send.end = t.requestSent;
    send.observed = observed(send.start, send.end);
    if (!send.observed)
        send.note = tr("not observed");
    phases.append(send);

    Phase wait {tr("Waiting (TTFB)"), t.requestSent, t.firstByte, false, {}};
    wait.observed = observed(wait.start, wait.end);
    if (!wait.observed)
        wait.note = tr("not observed");
    phases.append(wait);

    Phase download {tr("Download"), t.firstByte, t.finished, false, {}};
    download.observed = observed(download.start, download.end);
    if (!download.observed)
        download.note = tr("not observed");
    phases.append(download);

    // Exchanges before the final request (an OAuth 2.0 token, a Digest challenge...) come
    // first; they share the request's clock, so its own phases already follow them.
    QList<Phase> before;
    for (const Core::TimingSpan &span : t.before)
        before.append({span.name, span.start, span.end, observed(span.start, span.end), span.note});
    return before + phases;
}

void TimingChart::setTiming(const Core::Timing &timing, const QString &proxy)
{
    m_phases = phasesFor(timing, proxy);
    m_total = std::max(timing.finished, 0.0);
    for (const Phase &p : std::as_const(m_phases)) {
        if (p.observed)
            m_total = std::max(m_total, p.end);
    }
    updateGeometry();
    update();
}

void TimingChart::clear()
{
    m_phases.clear();
    m_total = 0;
    update();
}

QSize TimingChart::sizeHint() const
{
    const int rows = std::max(5, int(m_phases.size()));
    return {560, kMargin * 2 + kAxisHeight + rows * kRowHeight + 24};
}

QSize TimingChart::minimumSizeHint() const
{
    const int rows = std::max(5, int(m_phases.size()));
    return {320, kMargin * 2 + kAxisHeight + rows * kRowHeight};
}

void TimingChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor faint = text;
    faint.setAlphaF(0.55);
    QColor grid = text;
    grid.setAlphaF(0.12);

    if (m_phases.isEmpty()) {
        painter.setPen(faint);
        painter.drawText(rect(), Qt::AlignCenter, tr("No timing for this response"));
        return;
    }

    const QFontMetrics fm = fontMetrics();
    int labelWidth = 0;
    for (const Phase &p : std::as_const(m_phases))
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(p.name));
    labelWidth += 16;
    const int valueWidth = fm.horizontalAdvance(QStringLiteral("00000.0 ms")) + 12;
    const QRect area(kMargin + labelWidth, kMargin,
                     std::max(40, width() - 2 * kMargin - labelWidth - valueWidth),
                     int(m_phases.size()) * kRowHeight);
    const double total = std::max(m_total, 0.001);
    const auto xFor = [&](double ms) { return area.left() + area.width() * (ms / total); };

    // Axis with round tick values.
    const double step = niceStep(total);
    painter.setPen(grid);
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    painter.setFont(small);
    for (double v = 0; v <= total + 1e-9; v += step) {
        const int x = int(std::round(xFor(v)));
        painter.setPen(grid);
        painter.drawLine(x, area.top(), x, area.bottom() + 4);
        painter.setPen(faint);
        const QString label = formatMs(v);
        painter.drawText(QRect(x - 40, area.bottom() + 6, 80, kAxisHeight - 8), Qt::AlignHCenter,
                         label);
    }
    painter.setFont(font());

    for (int i = 0; i < m_phases.size(); ++i) {
        const Phase &p = m_phases.at(i);
        const QRect row(0, area.top() + i * kRowHeight, width(), kRowHeight);
        painter.setPen(text);
        painter.drawText(QRect(kMargin, row.top(), labelWidth - 8, kRowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, p.name);
        if (!p.observed) {
            QFont italic = font();
            italic.setItalic(true);
            painter.setFont(italic);
            painter.setPen(faint);
            painter.drawText(
                QRect(area.left() + 4, row.top(), area.width() + valueWidth, kRowHeight),
                Qt::AlignVCenter | Qt::AlignLeft, p.note);
            painter.setFont(font());
            continue;
        }
        if (p.start == p.end && !p.note.isEmpty()) {
            const double x = xFor(p.start);
            const double cy = row.top() + kRowHeight / 2.0;
            QPainterPath diamond;
            diamond.moveTo(x, cy - 6);
            diamond.lineTo(x + 6, cy);
            diamond.lineTo(x, cy + 6);
            diamond.lineTo(x - 6, cy);
            diamond.closeSubpath();
            painter.fillPath(diamond, phaseColor(i, pal));
            painter.setPen(faint);
            const int noteX = int(std::ceil(x)) + 10;
            painter.drawText(QRect(noteX, row.top(), width() - noteX - 4, kRowHeight),
                             Qt::AlignVCenter | Qt::AlignLeft, p.note);
            continue;
        }
        const double x0 = xFor(p.start);
        const double x1 = std::max(xFor(p.end), x0 + 2);
        const QRectF bar(x0, row.top() + 7, x1 - x0, kRowHeight - 14);
        QPainterPath path;
        path.addRoundedRect(bar, 3, 3);
        painter.fillPath(path, phaseColor(i, pal));
        painter.setPen(text);
        const QString value = formatMs(p.duration());
        const int valueX = int(std::ceil(x1)) + 6;
        painter.drawText(QRect(valueX, row.top(), width() - valueX - 4, kRowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, value);
    }

    painter.setPen(faint);
    const int footerTop = area.bottom() + kAxisHeight;
    painter.drawText(
        QRect(kMargin, footerTop, width() - 2 * kMargin, fm.height() + 4),
        Qt::AlignLeft | Qt::AlignVCenter,
        tr("Total %1. Qt does not report DNS and TCP separately.").arg(formatMs(m_total)));
}

} // namespace Patchbay::Ui
