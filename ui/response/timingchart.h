#pragma once

#include "core/http/response.h"

#include <QList>
#include <QWidget>

namespace Patchbay::Ui {

// A waterfall of where the time of a request went: connect (to the proxy when there is one),
// TLS, sending, waiting for the first byte, downloading. Phases Qt did not observe (a reused
// connection has no connect) are listed with the reason instead of a bar.
class TimingChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimingChart)

public:
    struct Phase
    {
        QString name;
        double start = -1; // ms since the request started
        double end = -1;
        bool observed = false;
        QString note; // why it was not observed, or what it includes

        double duration() const { return observed ? end - start : 0; }
        friend bool operator==(const Phase &, const Phase &) = default;
    };

    explicit TimingChart(QWidget *parent = nullptr);
    ~TimingChart() override;

    // `proxy` (Response::proxy) names the proxy the connection went to, if any.
    void setTiming(const Core::Timing &timing, const QString &proxy = {});
    void clear();
    const QList<Phase> &phases() const { return m_phases; }
    double totalMs() const { return m_total; }

    static QList<Phase> phasesFor(const Core::Timing &timing, const QString &proxy = {});

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Phase> m_phases;
    double m_total = 0;
};

} // namespace Patchbay::Ui
