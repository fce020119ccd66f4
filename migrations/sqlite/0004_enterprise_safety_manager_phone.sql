-- The safety manager's phone (安全管理负责人电话): county rules require it
-- of some industries (the plugin examples' rule).
ALTER TABLE enterprises ADD COLUMN safety_manager_phone TEXT;
