// Bridge: consumer-group commands. Each runs on the engine thread through Engine::post and
// answers on the GUI thread with groupCommandFinished(action, group, target, status), after a
// refresh, and only once the engine has published the snapshot the command produced
// (Engine::afterPublish), so listeners already see it.
#include "bridge/bridge.h"

void Bridge::groupCommand(const QString &action, const QString &group, const QString &target,
                          std::function<std::pair<kl::Status, std::string>(kl::EngineCore &)> fn)
{
    auto post = poster();
    kl::Engine &engine = m_engine;
    m_engine.post([this, &engine, post, action, group, target, fn = std::move(fn)](kl::EngineCore &core) {
        auto [status, named] = fn(core);
        const QString who = named.empty() ? target : QString::fromStdString(named);
        engine.afterPublish([this, post, action, group, who, status = std::move(status)] {
            post([this, action, group, who, status] {
                refresh();
                emit groupCommandFinished(action, group, who, status);
            });
        });
    });
}

void Bridge::startConsumerGroup(const kl::ConsumerGroupSpec &spec)
{
    groupCommand(QStringLiteral("start"), QString::fromStdString(spec.groupId), QString(),
                 [spec](kl::EngineCore &core) -> std::pair<kl::Status, std::string> {
                     auto r = core.startConsumerGroup(spec);
                     return {r ? kl::Status::ok() : r.status(), {}};
                 });
}

void Bridge::addConsumer(const QString &group)
{
    groupCommand(QStringLiteral("add"), group, QString(),
                 [g = group.toStdString()](kl::EngineCore &core) -> std::pair<kl::Status, std::string> {
                     auto r = core.addConsumer(g);
                     if (!r)
                         return {r.status(), {}};
                     return {kl::Status::ok(), *r};
                 });
}

void Bridge::consumerAction(const QString &group, const QString &clientId, kl::ConsumerAction action)
{
    QString name;
    switch (action) {
    case kl::ConsumerAction::Crash: name = QStringLiteral("crash"); break;
    case kl::ConsumerAction::Leave: name = QStringLiteral("leave"); break;
    case kl::ConsumerAction::Stall: name = QStringLiteral("stall"); break;
    case kl::ConsumerAction::Resume: name = QStringLiteral("resume"); break;
    }
    groupCommand(name, group, clientId,
                 [g = group.toStdString(), c = clientId.toStdString(),
                  action](kl::EngineCore &core) -> std::pair<kl::Status, std::string> {
                     return {core.consumerAction(g, c, action), {}};
                 });
}

void Bridge::stopConsumerGroup(const QString &group)
{
    groupCommand(QStringLiteral("stop"), group, QString(),
                 [g = group.toStdString()](kl::EngineCore &core) -> std::pair<kl::Status, std::string> {
                     return {core.stopConsumerGroup(g), {}};
                 });
}

void Bridge::resetOrdering(const QString &group)
{
    groupCommand(QStringLiteral("reset-ordering"), group, QString(),
                 [g = group.toStdString()](kl::EngineCore &core) -> std::pair<kl::Status, std::string> {
                     return {core.resetOrdering(g), {}};
                 });
}
