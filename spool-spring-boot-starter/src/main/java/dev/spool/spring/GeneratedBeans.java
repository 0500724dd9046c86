package dev.spool.spring;

import java.beans.Introspector;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

/**
 * Registers the generated stubs ({@code ThumbnailsTasks}) and workflow classes ({@code
 * AlbumsWorkflows}) as beans built on the context's {@code Spool} client, under their decapitalized
 * simple names; a bean of that name the application defines itself is left alone.
 */
final class GeneratedBeans implements BeanDefinitionRegistryPostProcessor {

    private final ClassLoader loader;

    GeneratedBeans(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<String> packages = registry instanceof BeanFactory factory && AutoConfigurationPackages.has(factory)
                ? AutoConfigurationPackages.get(factory) : List.of();
        for (Class<?> type : GeneratedClasses.stubs(loader)) {
            register(registry, type);
        }
        for (Class<?> type : GeneratedClasses.workflows(packages, loader)) {
            register(registry, type);
        }
    }

    private static void register(BeanDefinitionRegistry registry, Class<?> type) {
        String name = Introspector.decapitalize(type.getSimpleName());
        if (registry.containsBeanDefinition(name)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type);
        definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        registry.registerBeanDefinition(name, definition);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // definitions only
    }
}
