-- An admin-set password (new account, reset) must be changed by its user at the next sign-in.
ALTER TABLE "app_user" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;
