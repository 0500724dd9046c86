package dev.spool.spring;

import dev.spool.TaskInstanceProvider;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Task classes as Spring beans: the bean of the class if the context has exactly one, else an
 * instance Spring creates with constructor (or {@code @Inject}/{@code @Autowired}) injection, not
 * registered in the context. The worker asks once per class and reuses the instance.
 */
public final class SpringTaskInstances implements TaskInstanceProvider {

    private final ConfigurableListableBeanFactory beans;

    /** Instances from this bean factory. */
    public SpringTaskInstances(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public Object instance(Class<?> type) {
        Object bean = beans.getBeanProvider(type).getIfUnique();
        if (bean != null) {
            return bean;
        }
        return beans.createBean(type, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, true);
    }
}
