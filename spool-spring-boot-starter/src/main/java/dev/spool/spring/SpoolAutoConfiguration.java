package dev.spool.spring;

import dev.spool.Spool;
import dev.spool.TaskInstanceProvider;
import dev.spool.worker.Worker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spool in a Spring Boot application: a {@link Spool} client from the {@code spool.*} properties,
 * the generated stubs and workflow classes as beans, task classes as Spring beans, an embedded
 * worker when {@code spool.worker.enabled=true}, and an Actuator health indicator. Nothing of
 * Spool's own packages is component-scanned.
 */
@AutoConfiguration
@ConditionalOnClass(Spool.class)
@EnableConfigurationProperties(SpoolProperties.class)
public class SpoolAutoConfiguration {

    /** The client; closed when the context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Spool spool(SpoolProperties properties) {
        Spool.Builder builder = Spool.builder().redisUrl(properties.getRedisUrl()).namespace(properties.getNamespace());
        if (properties.getPoolSize() != null) {
            builder.poolSize(properties.getPoolSize());
        }
        if (properties.getResultTtl() != null) {
            builder.resultTtl(properties.getResultTtl());
        }
        if (properties.getDeadTtl() != null) {
            builder.deadTtl(properties.getDeadTtl());
        }
        return builder.build();
    }

    /** Task classes from the context: its bean of the class, else one made with constructor injection. */
    @Bean
    @ConditionalOnMissingBean
    public TaskInstanceProvider spoolTaskInstanceProvider(ConfigurableListableBeanFactory beans) {
        return new SpringTaskInstances(beans);
    }

    /** The generated stubs and workflow classes as beans. */
    @Bean
    public static GeneratedBeans spoolGeneratedBeans(ConfigurableListableBeanFactory beans) {
        ClassLoader loader = beans.getBeanClassLoader();
        return new GeneratedBeans(loader != null ? loader : SpoolAutoConfiguration.class.getClassLoader());
    }

    /** The embedded worker, with {@code spool.worker.enabled=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("spool.worker.enabled")
    static class WorkerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SpoolWorkerLifecycle spoolWorker(Spool spool, SpoolProperties properties, TaskInstanceProvider instances,
                ObjectProvider<dev.spool.worker.JobInterceptor> interceptors) {
            SpoolProperties.Worker settings = properties.getWorker();
            return new SpoolWorkerLifecycle(() -> {
                Worker.Builder builder = Worker.builder(spool).instanceProvider(instances);
                if (!settings.getQueues().isEmpty()) {
                    builder.queues(settings.getQueues());
                }
                if (settings.getConcurrency() != null) {
                    builder.concurrency(settings.getConcurrency());
                }
                if (settings.getShutdownGrace() != null) {
                    builder.shutdownGrace(settings.getShutdownGrace());
                }
                builder.virtualThreads(settings.isVirtualThreads());
                interceptors.orderedStream().forEach(builder::interceptor);
                return builder;
            });
        }
    }

    /** Actuator's health of Redis and the worker. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "spoolHealthIndicator")
        SpoolHealthIndicator spoolHealthIndicator(Spool spool, ObjectProvider<SpoolWorkerLifecycle> worker) {
            return new SpoolHealthIndicator(spool, worker.getIfAvailable());
        }
    }
}
