package dev.spool.samples.spring;

import dev.spool.Job;
import dev.spool.annotations.Chain;

/** A workflow; its generated class {@code OnboardingWorkflows} is a bean too. */
public interface Onboarding {

    @Chain({"Welcomes.welcome", "Welcomes.banner"})
    Job<String> welcomeLoudly(String name);
}
