#include "app/cli/streamoutput.h"

#include "core/graphql/graphqlsubscription.h"
#include "core/network/networkprofile.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

using namespace Patchbay::Core;

int Patchbay::Cli::streamSubscription(const Request &request, const AuthCall::Context &context,
                                      const NetworkProfile &profile,
                                      const SubscriptionOutput &output)
{
    QTextStream err(stderr);
    const Result<WebSocketNetwork> network = webSocketNetwork(profile, request);
    if (!network) {
        err << "patchbay-cli send: " << network.error().message << '\n';
        return 2;
    }
    GraphQlSubscription subscription(request, network.value(), context, 1); // printed, not kept
    Response response;
    QObject::connect(&subscription, &GraphQlSubscription::subscribed, &subscription, [&err] {
        err << "(subscribed)\n";
        err.flush();
    });
    QObject::connect(&subscription, &GraphQlSubscription::eventReceived, &subscription,
                     [&](const ServerSentEvent &event) {
                         printEvent(event, output.jsonLines, stdout);
                         if (output.maxEvents > 0 && event.sequence + 1 >= output.maxEvents)
                             subscription.stop();
                     });
    QObject::connect(&subscription, &GraphQlSubscription::finished, &subscription,
                     [&response](const Response &r, bool) {
                         response = r;
                         QCoreApplication::exit(0);
                     });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &subscription, [&] { subscription.stop(); });
    if (output.timeoutMs > 0)
        deadline.start(output.timeoutMs);
    // A signal handler may only set a flag: look at it from the event loop.
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, &subscription, [&] {
        if (output.stopRequested && output.stopRequested())
            subscription.stop();
    });
    stopWatch.start(50);
    subscription.start();
    QCoreApplication::exec();
    if (response.isError()) {
        err << "patchbay-cli send: the subscription ended: " << response.errorMessage << '\n';
        return 3;
    }
    return 0;
}
